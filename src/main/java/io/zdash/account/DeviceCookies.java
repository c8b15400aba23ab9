package io.zdash.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import io.zdash.support.RandomText;
import io.zdash.support.Sha256;
import io.zdash.support.SqlTime;

import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * OWASP's device cookies: after the right password a browser receives a random token for that
 * account, and its later wrong passwords for the account are counted against the token, not the
 * email, so a stranger who knows only the email cannot pause the owner's own browsers. One cookie
 * holds the tokens of up to {@value #MAX_TOKENS} accounts (a shared computer); only their SHA-256
 * is stored. Owns the {@code device_cookie} table.
 */
@Component
class DeviceCookies {

	static final String NAME = "ZDASH_DEVICE";

	/** Sent only to the password step, which is the only reader. */
	static final String PATH = "/login";

	static final int MAX_TOKENS = 4;

	/** A browser not used to sign in for this long is a stranger again. */
	static final Duration LIFETIME = Duration.ofDays(180);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final PasswordAttempts attempts;

	DeviceCookies(JdbcClient jdbc, Clock clock, PasswordAttempts attempts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.attempts = attempts;
	}

	/** The well-formed tokens of the request's device cookie, at most {@value #MAX_TOKENS}; anything else is ignored. */
	static List<String> presented(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return List.of();
		}
		for (Cookie cookie : cookies) {
			if (NAME.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() <= 200) {
				return List.of(cookie.getValue().split("\\.", -1)).stream().filter(RandomText::isToken)
					.distinct().limit(MAX_TOKENS).toList();
			}
		}
		return List.of();
	}

	/**
	 * @return the hash of the presented token that this account gave the browser, if a live one is
	 * among them. Every presented token is looked up, whether the typed email has an account or not
	 * ({@code accountId} empty), so the time taken does not tell which.
	 */
	Optional<String> trusted(List<String> presented, Optional<Long> accountId) {
		Instant oldest = this.clock.instant().minus(LIFETIME);
		Optional<String> found = Optional.empty();
		for (String token : presented) {
			String hash = Sha256.hex(token);
			Optional<Long> owner = this.jdbc.sql("select account_id from device_cookie where token_hash = ? and last_used_at > ?")
				.params(hash, SqlTime.utc(oldest))
				.query(Long.class)
				.optional();
			if (found.isEmpty() && owner.isPresent() && owner.equals(accountId)) {
				found = Optional.of(hash);
			}
		}
		return found;
	}

	/**
	 * After the right password: a new token for this account replaces the one it had given this
	 * browser (a copied cookie stops working at the owner's next sign-in), the other accounts'
	 * tokens stay. @return the cookie to send
	 */
	ResponseCookie renew(List<String> presented, long accountId, boolean secure) {
		Instant now = this.clock.instant();
		List<String> kept = new ArrayList<>();
		for (String token : presented) {
			int ours = this.jdbc.sql("delete from device_cookie where token_hash = ? and account_id = ?")
				.params(Sha256.hex(token), accountId)
				.update();
			if (ours == 0 && kept.size() < MAX_TOKENS - 1) {
				kept.add(token);
			}
		}
		String token = RandomText.token();
		this.jdbc.sql("insert into device_cookie (token_hash, account_id, created_at, last_used_at) values (?, ?, ?, ?)")
			.params(Sha256.hex(token), accountId, SqlTime.utc(now), SqlTime.utc(now))
			.update();
		kept.add(0, token);
		return ResponseCookie.from(NAME, String.join(".", kept)).path(PATH).httpOnly(true).secure(secure)
			.sameSite("Strict").maxAge(LIFETIME).build();
	}

	/** Too many wrong passwords from this browser, or expired: it is a stranger again, under the email's gate. */
	void forget(String tokenHash) {
		this.jdbc.sql("delete from device_cookie where token_hash = ?").param(tokenHash).update();
		this.attempts.reset(PasswordAttempts.ofDevice(tokenHash));
	}

	/** Daily: tokens not used for {@link #LIFETIME} (their cookies have expired too), and their counts. */
	@Scheduled(cron = "${zdash.throttle.prune-cron:0 27 3 * * *}")
	int prune() {
		Instant oldest = this.clock.instant().minus(LIFETIME);
		List<String> expired = this.jdbc.sql("select token_hash from device_cookie where last_used_at < ?")
			.param(SqlTime.utc(oldest))
			.query(String.class)
			.list();
		expired.forEach(hash -> forget(hash));
		return expired.size();
	}

}
