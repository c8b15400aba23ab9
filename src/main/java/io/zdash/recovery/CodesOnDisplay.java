package io.zdash.recovery;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import io.zdash.secrets.SecretCipher;

import org.springframework.stereotype.Component;

/**
 * Recovery codes just issued, kept for the page that shows them (post/redirect/get): the POST
 * stores them here and redirects, the GET shows them, so a reload or a change of language shows the
 * same codes and resubmits nothing. They live in this session only, sealed with the secrets key (the
 * session table is in the database), for at most {@link #LIFETIME}, and are released when the
 * person is done (turns 2FA on, or goes back to the Security page).
 */
@Component
public class CodesOnDisplay {

	static final String ATTRIBUTE = CodesOnDisplay.class.getName();

	static final Duration LIFETIME = Duration.ofMinutes(15);

	/** What the session holds: whose codes, sealed, and until when. */
	record Held(long accountId, String sealed, Instant until) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		@Override
		public String toString() {
			return "Held[account=" + this.accountId + "]";
		}

	}

	private final SecretCipher cipher;

	private final Clock clock;

	CodesOnDisplay(SecretCipher cipher, Clock clock) {
		this.cipher = cipher;
		this.clock = clock;
	}

	public void hold(HttpSession session, long accountId, List<RecoveryCode> codes) {
		String joined = String.join(",", codes.stream().map(RecoveryCode::value).toList());
		SecretCipher.Sealed sealed = this.cipher.seal(joined.getBytes(StandardCharsets.US_ASCII), associatedData(accountId));
		session.setAttribute(ATTRIBUTE, new Held(accountId, sealed.ciphertext(), this.clock.instant().plus(LIFETIME)));
	}

	/** The codes held for this account in this session, if they are still to be shown. */
	public Optional<List<RecoveryCode>> shown(HttpSession session, long accountId) {
		if (!(session.getAttribute(ATTRIBUTE) instanceof Held held) || held.accountId() != accountId
				|| !held.until().isAfter(this.clock.instant())) {
			return Optional.empty();
		}
		String joined = new String(this.cipher.open(held.sealed(), associatedData(accountId)), StandardCharsets.US_ASCII);
		return Optional.of(Arrays.stream(joined.split(",")).map(RecoveryCode::new).toList());
	}

	public void release(HttpSession session) {
		session.removeAttribute(ATTRIBUTE);
	}

	private static byte[] associatedData(long accountId) {
		return ("zdash-codes-on-display-v1:" + accountId).getBytes(StandardCharsets.US_ASCII);
	}

}
