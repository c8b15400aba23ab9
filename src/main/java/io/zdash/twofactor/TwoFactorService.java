package io.zdash.twofactor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.passkey.Passkeys;
import io.zdash.recovery.RecoveryCode;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.signin.FactorResult;
import io.zdash.signin.SecondFactor;
import io.zdash.support.Base32;
import io.zdash.support.RandomText;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turning 2FA on (with its first authenticator app) and off. Every change that touches more than
 * one row is one transaction: 2FA is either fully on (state, app with its replay ledger, recovery
 * codes) or fully off. More apps are {@link AuthenticatorApps}'; checking a code at sign-in is
 * {@link SecondFactorCheck}'s.
 */
@Service
class TwoFactorService implements SecondFactor {

	/** 160 bits, the HMAC-SHA1 block-friendly size RFC 4226 recommends. */
	static final int SECRET_BYTES = 20;

	private final TotpCredentials credentials;

	private final TotpApps apps;

	private final RecoveryCodes recoveryCodes;

	private final TotpVerifier verifier;

	private final TwoFactorProperties properties;

	private final Clock clock;

	private final TotpSecrets secrets;

	private final SecurityLog securityLog;

	private final SecondFactorCheck check;

	private final CheckUp checkUp;

	private final Passkeys passkeys;

	TwoFactorService(TotpCredentials credentials, TotpApps apps, RecoveryCodes recoveryCodes,
			TwoFactorProperties properties, Clock clock, TotpSecrets secrets, SecurityLog securityLog,
			SecondFactorCheck check, CheckUp checkUp, Passkeys passkeys) {
		this.apps = apps;
		this.checkUp = checkUp;
		this.passkeys = passkeys;
		this.secrets = secrets;
		this.securityLog = securityLog;
		this.credentials = credentials;
		this.recoveryCodes = recoveryCodes;
		this.verifier = new TotpVerifier(TotpGenerator.AUTHENTICATOR_APPS, clock);
		this.properties = properties;
		this.clock = clock;
		this.check = check;
	}

	@Override
	public boolean isEnrolled(long accountId) {
		return this.credentials.findCredential(accountId).isPresent();
	}

	/** A check-up is due: its page says the app "just worked", so a trusted device does not stand in. */
	@Override
	public boolean mustBeProvenAtNextSignIn(long accountId) {
		return this.checkUp.due(accountId);
	}

	Optional<Instant> enabledSince(long accountId) {
		return this.credentials.findCredential(accountId).map(TotpCredentials.Credential::enabledAt);
	}

	/**
	 * The Base32 key this session is setting up: its unexpired pending one, or a fresh one — which
	 * replaces a key pending in any other session of the account.
	 */
	@Transactional
	String pendingSecret(long accountId, EnrollmentBinding session) {
		Instant now = this.clock.instant();
		byte[] secret = liveEnrollment(accountId, session)
			.map(enrollment -> this.secrets.open(accountId, enrollment.secret()))
			.orElseGet(() -> {
				byte[] fresh = RandomText.bytes(SECRET_BYTES);
				this.credentials.replaceEnrollment(accountId, this.secrets.seal(accountId, fresh), session.hash(), now,
						now.plus(this.properties.enrollmentLifetime()));
				return fresh;
			});
		return Base32.encode(secret);
	}

	/**
	 * Checks a code from the app being set up. When right, returns the recovery codes to show; 2FA is
	 * not on until {@link #confirmEnrollment}.
	 */
	@Transactional
	Optional<List<RecoveryCode>> verifyEnrollment(long accountId, EnrollmentBinding session, OneTimeCode code) {
		Optional<TotpCredentials.Enrollment> enrollment = liveEnrollment(accountId, session);
		if (enrollment.isEmpty()) {
			return Optional.empty();
		}
		OptionalLong step = this.verifier.matchingStep(this.secrets.open(accountId, enrollment.get().secret()), code);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		this.credentials.markEnrollmentVerified(accountId, step.getAsLong());
		return Optional.of(this.recoveryCodes.createPending(accountId));
	}

	/** A fresh set of pending recovery codes for a verified enrollment whose codes were not saved. */
	@Transactional
	Optional<List<RecoveryCode>> reissuePendingCodes(long accountId, EnrollmentBinding session) {
		return liveEnrollment(accountId, session).filter(e -> e.verifiedStep() != null)
			.map(e -> this.recoveryCodes.createPending(accountId));
	}

	/** Turns 2FA on after the person confirmed saving the codes. */
	@Transactional
	boolean confirmEnrollment(long accountId, EnrollmentBinding session, Origin origin) {
		Optional<TotpCredentials.Enrollment> enrollment = liveEnrollment(accountId, session)
			.filter(e -> e.verifiedStep() != null);
		if (enrollment.isEmpty() || isEnrolled(accountId)) {
			return false;
		}
		// Taken by one confirmation only; the code that proved the app is recorded as used: it cannot
		// also sign someone in.
		Optional<TotpCredentials.Taken> taken = this.credentials.takeVerifiedEnrollment(accountId);
		if (taken.isEmpty()) {
			return false;
		}
		Instant now = this.clock.instant();
		this.credentials.enable(accountId, now);
		this.apps.add(accountId, null, taken.get().secret(), now, taken.get().provenStep());
		this.check.clear(accountId);
		this.recoveryCodes.activatePending(accountId);
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.TWO_FACTOR_ENABLED, origin));
		return true;
	}

	boolean hasLiveEnrollment(long accountId, EnrollmentBinding session) {
		return liveEnrollment(accountId, session).isPresent();
	}

	/**
	 * Turns 2FA off given a current code or an unused recovery code. The caller has checked the
	 * password: a recovery code alone must never remove the second factor.
	 */
	boolean disable(long accountId, String typedCode, Origin origin) {
		// The attempt is counted first, on its own; using the code up and removing 2FA are one transaction.
		return this.check.either(accountId, typedCode, origin, null, () -> {
			remove(accountId);
			this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.TWO_FACTOR_DISABLED, origin));
		}) == FactorResult.ACCEPTED;
	}

	/**
	 * Apps, pending enrollment, passkeys and security keys, recovery codes and the failure count;
	 * in the caller's transaction. Keys are a second factor beside the app: they go with 2FA.
	 */
	void remove(long accountId) {
		// After any addition of an app or key that is under way: it cannot outlive 2FA.
		this.credentials.lock(accountId);
		this.passkeys.removeAll(accountId);
		this.apps.removeAll(accountId);
		this.credentials.deleteCredential(accountId);
		this.credentials.deleteEnrollment(accountId);
		this.recoveryCodes.deleteAll(accountId);
		this.check.clear(accountId);
	}

	/** The account's pending key if it is unexpired and this session's. */
	Optional<TotpCredentials.Enrollment> liveEnrollment(long accountId, EnrollmentBinding session) {
		Instant now = this.clock.instant();
		return this.credentials.findEnrollment(accountId)
			.filter(e -> e.expiresAt().isAfter(now) && session.matches(e.sessionBinding()));
	}

}
