package io.zdash.twofactor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.zdash.account.TwoFactorStatus;
import io.zdash.audit.SecurityEvent;
import io.zdash.recovery.RecoveryCode;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.support.Backoff;
import io.zdash.support.Base32;
import io.zdash.support.RandomText;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrollment, verification and removal of an account's authenticator. Every change that touches
 * more than one row is one transaction: 2FA is either fully on (secret, replay ledger, recovery
 * codes) or fully off.
 */
@Service
class TwoFactorService implements TwoFactorStatus {

	/** 160 bits, the HMAC-SHA1 block-friendly size RFC 4226 recommends. */
	static final int SECRET_BYTES = 20;

	private final TotpCredentials credentials;

	private final RecoveryCodes recoveryCodes;

	private final TotpVerifier verifier;

	private final TwoFactorProperties properties;

	private final Clock clock;

	private final SecretCipher secrets;

	private final ApplicationEventPublisher events;

	TwoFactorService(TotpCredentials credentials, RecoveryCodes recoveryCodes, TwoFactorProperties properties,
			Clock clock, SecretCipher secrets, ApplicationEventPublisher events) {
		this.secrets = secrets;
		this.events = events;
		this.credentials = credentials;
		this.recoveryCodes = recoveryCodes;
		this.verifier = new TotpVerifier(TotpGenerator.AUTHENTICATOR_APPS, clock);
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public boolean isEnabled(long accountId) {
		return this.credentials.findCredential(accountId).isPresent();
	}

	Optional<Instant> enabledSince(long accountId) {
		return this.credentials.findCredential(accountId).map(TotpCredentials.Credential::enabledAt);
	}

	/** The Base32 key being set up: the unexpired pending one, or a fresh one. */
	@Transactional
	String pendingSecret(long accountId) {
		Instant now = this.clock.instant();
		byte[] secret = this.credentials.findEnrollment(accountId)
			.filter(enrollment -> enrollment.expiresAt().isAfter(now))
			.map(enrollment -> this.secrets.open(accountId, enrollment.secret()))
			.orElseGet(() -> {
				byte[] fresh = RandomText.bytes(SECRET_BYTES);
				this.credentials.replaceEnrollment(accountId, this.secrets.seal(accountId, fresh), now,
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
	Optional<List<RecoveryCode>> verifyEnrollment(long accountId, OneTimeCode code) {
		Optional<TotpCredentials.Enrollment> enrollment = liveEnrollment(accountId);
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
	Optional<List<RecoveryCode>> reissuePendingCodes(long accountId) {
		return liveEnrollment(accountId).filter(e -> e.verifiedStep() != null)
			.map(e -> this.recoveryCodes.createPending(accountId));
	}

	/** Turns 2FA on after the person confirmed saving the codes. */
	@Transactional
	boolean confirmEnrollment(long accountId) {
		Optional<TotpCredentials.Enrollment> enrollment = liveEnrollment(accountId)
			.filter(e -> e.verifiedStep() != null);
		if (enrollment.isEmpty() || isEnabled(accountId)) {
			return false;
		}
		// The code that proved the app is recorded as used: it cannot also sign someone in.
		if (!this.credentials.moveEnrollmentToCredential(accountId, this.clock.instant(), enrollment.get().verifiedStep())) {
			return false;
		}
		this.recoveryCodes.activatePending(accountId);
		this.events.publishEvent(SecurityEvent.of(accountId, SecurityEvent.Type.TWO_FACTOR_ENABLED));
		return true;
	}

	boolean hasLiveEnrollment(long accountId) {
		return liveEnrollment(accountId).isPresent();
	}

	@Transactional
	SecondFactorResult verifySignIn(long accountId, OneTimeCode code) {
		Optional<TotpCredentials.Credential> credential = this.credentials.findCredential(accountId);
		if (credential.isEmpty()) {
			return SecondFactorResult.NOT_ENROLLED;
		}
		if (credential.get().blockedAt() != null) {
			return SecondFactorResult.BLOCKED;
		}
		if (!beginAttempt(accountId)) {
			return SecondFactorResult.THROTTLED;
		}
		OptionalLong step = this.verifier.matchingStep(this.secrets.open(accountId, credential.get().secret()), code);
		if (step.isPresent() && this.credentials.claimStep(accountId, step.getAsLong())) {
			this.events.publishEvent(SecurityEvent.of(accountId, SecurityEvent.Type.SIGN_IN_CODE_SUCCEEDED));
			return SecondFactorResult.ACCEPTED;
		}
		if (step.isPresent()) {
			// Right code, already used: refused and counted like any wrong code, so the answer gives
			// nothing away, but recorded for the owner to see.
			this.events.publishEvent(SecurityEvent.of(accountId, SecurityEvent.Type.CODE_REPLAY_REFUSED));
		}
		return failure(accountId, SecurityEvent.Type.SIGN_IN_CODE_FAILED);
	}

	/**
	 * The other second factor. Shares the failure counter and wait with app codes, but is not
	 * blocked after 100 failures: it is how the owner lifts that block.
	 */
	@Transactional
	SecondFactorResult signInWithRecoveryCode(long accountId, String typed) {
		Optional<TotpCredentials.Credential> credential = this.credentials.findCredential(accountId);
		if (credential.isEmpty()) {
			return SecondFactorResult.NOT_ENROLLED;
		}
		if (!RecoveryCodes.isWellFormed(typed)) {
			return SecondFactorResult.MALFORMED;
		}
		if (!beginAttempt(accountId)) {
			return SecondFactorResult.THROTTLED;
		}
		if (this.recoveryCodes.consume(accountId, typed)) {
			this.credentials.clearFailures(accountId);
			this.events.publishEvent(new SecurityEvent(accountId, SecurityEvent.Type.SIGN_IN_RECOVERY_CODE_SUCCEEDED,
					"remaining=" + this.recoveryCodes.remaining(accountId)));
			return SecondFactorResult.ACCEPTED;
		}
		SecondFactorResult result = failure(accountId, SecurityEvent.Type.SIGN_IN_RECOVERY_CODE_FAILED);
		return (result == SecondFactorResult.BLOCKED) ? SecondFactorResult.START_OVER : result;
	}

	/** How long the account must wait before its next second-factor attempt is even checked. */
	Duration waitFor(long accountId) {
		return this.credentials.findCredential(accountId).map(this::waitFor).orElse(Duration.ZERO);
	}

	private Duration waitFor(TotpCredentials.Credential credential) {
		Instant now = this.clock.instant();
		Instant until = credential.lockedUntil();
		return (until != null && until.isAfter(now)) ? Duration.between(now, until) : Duration.ZERO;
	}

	private boolean beginAttempt(long accountId) {
		Instant now = this.clock.instant();
		if (this.credentials.beginAttempt(accountId, now, now.plus(Backoff.after(Backoff.FREE_FAILURES + 1)))) {
			return true;
		}
		this.events.publishEvent(SecurityEvent.of(accountId, SecurityEvent.Type.SIGN_IN_THROTTLED));
		return false;
	}

	/**
	 * A wrong or replayed code, already counted by {@link #beginAttempt}: per account, so guessing is
	 * bounded whatever the session. Sets the wait (or the block) the count calls for.
	 */
	private SecondFactorResult failure(long accountId, SecurityEvent.Type type) {
		int failures = this.credentials.failures(accountId);
		this.events.publishEvent(new SecurityEvent(accountId, type, "consecutive=" + failures));
		Instant now = this.clock.instant();
		if (failures >= this.properties.maxFailures()) {
			this.credentials.block(accountId, now);
			this.events.publishEvent(SecurityEvent.of(accountId, SecurityEvent.Type.AUTHENTICATOR_BLOCKED));
			return SecondFactorResult.BLOCKED;
		}
		if (failures == Backoff.FREE_FAILURES + 1) {
			// The right password, then five wrong second factors: tell the owner, once per run.
			this.events.publishEvent(SecurityEvent.of(accountId, SecurityEvent.Type.SECOND_FACTOR_GUESSED));
		}
		Duration wait = Backoff.after(failures);
		if (!wait.isZero()) {
			this.credentials.lockUntil(accountId, now.plus(wait));
			return SecondFactorResult.START_OVER;
		}
		return SecondFactorResult.REJECTED;
	}

	/**
	 * Turns 2FA off given a current code or an unused recovery code. The caller has checked the
	 * password: a recovery code alone must never remove the second factor.
	 */
	@Transactional
	boolean disable(long accountId, String typedCode) {
		Optional<OneTimeCode> totp = OneTimeCode.parse(typedCode);
		SecondFactorResult result = totp.isPresent() ? verifySignIn(accountId, totp.get())
				: signInWithRecoveryCode(accountId, typedCode);
		if (result != SecondFactorResult.ACCEPTED) {
			return false;
		}
		this.credentials.deleteCredential(accountId);
		this.credentials.deleteEnrollment(accountId);
		this.recoveryCodes.deleteAll(accountId);
		this.events.publishEvent(SecurityEvent.of(accountId, SecurityEvent.Type.TWO_FACTOR_DISABLED));
		return true;
	}

	private Optional<TotpCredentials.Enrollment> liveEnrollment(long accountId) {
		Instant now = this.clock.instant();
		return this.credentials.findEnrollment(accountId).filter(e -> e.expiresAt().isAfter(now));
	}

}
