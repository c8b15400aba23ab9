package io.zdash.passkey;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.signin.SecondFactor;
import io.zdash.support.Origin;

import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's passkeys and security keys, as the Security page shows and changes them, and as a
 * second factor of sign-in ({@link SecondFactor}). What removes 2FA (turning it off, an
 * administrator's reset, a lost-device recovery) removes the keys too, through {@link #removeAll}.
 */
@Service
public class Passkeys implements SecondFactor {

	/** Enough for a phone, a laptop, a tablet and a drawer of spare security keys. */
	static final int MAX_KEYS = 20;

	/** {@code passkey}: it verified its user when added, so it can also sign in without a password. */
	public record Key(long id, String label, Instant addedAt, Instant lastUsedAt, boolean synced, boolean passkey) {
	}

	private final PasskeyCredentials credentials;

	private final PasskeyCeremonies ceremonies;

	private final SecurityLog securityLog;

	private final Clock clock;

	private final OtherSecondFactors otherFactors;

	Passkeys(PasskeyCredentials credentials, PasskeyCeremonies ceremonies, SecurityLog securityLog, Clock clock,
			OtherSecondFactors otherFactors) {
		this.otherFactors = otherFactors;
		this.credentials = credentials;
		this.ceremonies = ceremonies;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	@Override
	public boolean isEnrolled(long accountId) {
		return this.credentials.count(accountId) > 0;
	}

	public List<Key> of(long accountId) {
		return this.credentials.list(accountId)
			.stream()
			.map(k -> new Key(k.id(), k.label(), k.createdAt(), k.lastUsedAt(), k.synced(), k.verifiesUser()))
			.toList();
	}

	/** Every key of the account, in the caller's transaction (2FA removed, by whoever). */
	public void removeAll(long accountId) {
		this.credentials.removeAll(accountId);
	}

	/** Whether a key of the account verified its user when added: it can sign in alone and re-check. */
	public boolean verifiesUser(long accountId) {
		return this.credentials.list(accountId).stream().anyMatch(PasskeyCredentials.Listed::verifiesUser);
	}

	boolean mayAddMore(long accountId) {
		return this.credentials.count(accountId) < MAX_KEYS;
	}

	/**
	 * Stores a checked new key of the account, and logs it, in one transaction: all of it, or (2FA
	 * turned off meanwhile, too many keys, or the key already someone's) nothing. Two requests adding
	 * the same key at once: the unique credential id refuses the second, whose transaction rolls back
	 * ({@link org.springframework.dao.DuplicateKeyException}, for the caller to answer).
	 */
	@Transactional
	Optional<Refusal> add(long accountId, CredentialRecord key, Origin origin) {
		if (!this.otherFactors.twoFactorOn(accountId)) {
			return Optional.of(Refusal.TWO_FACTOR_OFF);
		}
		if (!mayAddMore(accountId)) {
			return Optional.of(Refusal.TOO_MANY);
		}
		if (this.credentials.accountOf(key.getCredentialId()).isPresent()) {
			return Optional.of(Refusal.ALREADY_ADDED);
		}
		this.credentials.insert(accountId, key);
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.PASSKEY_ADDED, origin));
		return Optional.empty();
	}

	@Transactional
	boolean rename(long accountId, long id, String label, Origin origin) {
		if (!this.credentials.rename(accountId, id, label)) {
			return false;
		}
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.PASSKEY_RENAMED, origin));
		return true;
	}

	/** What became of a request to remove a key. */
	enum Removal {

		REMOVED, GONE,
		/**
		 * Refused: without it the account would have no app and no key that verifies its user, so no
		 * way to re-check but spending recovery codes (turning 2FA off removes everything instead).
		 */
		LAST

	}

	@Transactional
	Removal remove(long accountId, long id, Origin origin) {
		boolean apps = this.otherFactors.anyBesideKeys(accountId);
		List<PasskeyCredentials.Listed> keys = this.credentials.list(accountId);
		if (keys.stream().noneMatch(key -> key.id() == id)) {
			return Removal.GONE;
		}
		if (!apps && keys.stream().noneMatch(key -> key.id() != id && key.verifiesUser())) {
			return Removal.LAST;
		}
		this.credentials.remove(accountId, id);
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.PASSKEY_REMOVED, origin));
		return Removal.REMOVED;
	}

	/** Challenges nobody answered within their five minutes. */
	@Scheduled(fixedDelayString = "${zdash.passkeys.prune-every:1h}", initialDelayString = "5m")
	void pruneCeremonies() {
		this.ceremonies.deleteExpired(this.clock.instant());
	}

}
