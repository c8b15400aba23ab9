package io.zdash.twofactor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.passkey.Passkeys;
import io.zdash.secrets.SecretCipher;
import io.zdash.support.Origin;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's authenticator apps once 2FA is on: add another (a phone, a tablet, a password
 * manager), name, remove. Codes from any of them sign in ({@link SecondFactorCheck}). The account
 * always keeps a way to pass the second step and a re-check without spending recovery codes: an
 * app, or a passkey that verifies its user — the last of them cannot be removed (turning 2FA off
 * removes all).
 */
@Service
class AuthenticatorApps {

	/** A phone, a tablet, a password manager and spares. */
	static final int MAX_APPS = 10;

	/** An app as the Security page shows it: nothing of its secret. {@code name} null: never named. */
	record Listed(long id, String name, Instant addedAt, Instant lastUsedAt) {
	}

	enum Change {

		DONE, GONE, LAST, TOO_MANY, EXPIRED, WRONG_CODE

	}

	private final TotpApps apps;

	private final TotpCredentials credentials;

	private final TwoFactorService twoFactor;

	private final TotpSecrets secrets;

	private final TotpVerifier verifier;

	private final Passkeys passkeys;

	private final SecurityLog securityLog;

	private final Clock clock;

	AuthenticatorApps(TotpApps apps, TotpCredentials credentials, TwoFactorService twoFactor, TotpSecrets secrets,
			Passkeys passkeys, SecurityLog securityLog, Clock clock) {
		this.apps = apps;
		this.credentials = credentials;
		this.twoFactor = twoFactor;
		this.secrets = secrets;
		this.verifier = new TotpVerifier(TotpGenerator.AUTHENTICATOR_APPS, clock);
		this.passkeys = passkeys;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	List<Listed> of(long accountId) {
		return this.apps.of(accountId)
			.stream()
			.map(app -> new Listed(app.id(), app.name(), app.addedAt(), app.lastUsedAt()))
			.toList();
	}

	boolean any(long accountId) {
		return this.apps.count(accountId) > 0;
	}

	boolean mayAddMore(long accountId) {
		return this.apps.count(accountId) < MAX_APPS;
	}

	/**
	 * Adds the app this session is setting up ({@link TwoFactorService#pendingSecret}) once a code
	 * from it is right. The code is recorded as used by the new app: it cannot also sign someone in.
	 */
	@Transactional
	Change add(long accountId, EnrollmentBinding session, String name, OneTimeCode code, Origin origin) {
		if (!this.credentials.lock(accountId)) {
			return Change.EXPIRED; // 2FA turned off or reset meanwhile: the first app is set up with it
		}
		if (!mayAddMore(accountId)) {
			return Change.TOO_MANY;
		}
		Optional<TotpCredentials.Enrollment> enrollment = this.twoFactor.liveEnrollment(accountId, session);
		if (enrollment.isEmpty()) {
			return Change.EXPIRED;
		}
		OptionalLong step = this.verifier.matchingStep(this.secrets.open(accountId, enrollment.get().secret()), code);
		if (step.isEmpty()) {
			return Change.WRONG_CODE;
		}
		this.credentials.markEnrollmentVerified(accountId, step.getAsLong());
		Optional<TotpCredentials.Taken> taken = this.credentials.takeVerifiedEnrollment(accountId);
		if (taken.isEmpty()) {
			return Change.EXPIRED;
		}
		SecretCipher.Sealed secret = taken.get().secret();
		long id = this.apps.add(accountId, name, secret, this.clock.instant(), taken.get().provenStep());
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.AUTHENTICATOR_APP_ADDED, "app=" + id, origin));
		return Change.DONE;
	}

	/**
	 * Turns 2FA off for an account whose only second factors are keys: no app to give a code. The
	 * caller has checked the password, and the route a re-check within ten minutes — with a key that
	 * verified its user, since a touch alone is never fresh.
	 */
	@Transactional
	boolean turnOffWithKeysOnly(long accountId, Origin origin) {
		if (!this.credentials.lock(accountId) || this.apps.count(accountId) > 0) {
			return false;
		}
		this.twoFactor.remove(accountId);
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.TWO_FACTOR_DISABLED, origin));
		return true;
	}

	@Transactional
	Change rename(long accountId, long id, String name, Origin origin) {
		if (!this.apps.rename(accountId, id, name)) {
			return Change.GONE;
		}
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.AUTHENTICATOR_APP_RENAMED, "app=" + id, origin));
		return Change.DONE;
	}

	/** Removes one app, unless it is the account's last and no passkey can stand in for it. */
	@Transactional
	Change remove(long accountId, long id, Origin origin) {
		this.credentials.lock(accountId);
		if (this.apps.find(accountId, id).isEmpty()) {
			return Change.GONE;
		}
		if (this.apps.count(accountId) == 1 && !this.passkeys.verifiesUser(accountId)) {
			return Change.LAST;
		}
		this.apps.remove(accountId, id);
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.AUTHENTICATOR_APP_REMOVED, "app=" + id, origin));
		return Change.DONE;
	}

}
