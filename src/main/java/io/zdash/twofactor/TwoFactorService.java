package io.zdash.twofactor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.zdash.account.TwoFactorStatus;
import io.zdash.recovery.RecoveryCode;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.support.Base32;
import io.zdash.support.RandomText;

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

	TwoFactorService(TotpCredentials credentials, RecoveryCodes recoveryCodes, TwoFactorProperties properties,
			Clock clock) {
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
		return this.credentials.findEnrollment(accountId)
			.filter(enrollment -> enrollment.expiresAt().isAfter(now))
			.map(TotpCredentials.Enrollment::secret)
			.orElseGet(() -> {
				String secret = Base32.encode(RandomText.bytes(SECRET_BYTES));
				this.credentials.replaceEnrollment(accountId, secret, now, now.plus(this.properties.enrollmentLifetime()));
				return secret;
			});
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
		OptionalLong step = this.verifier.matchingStep(Base32.decode(enrollment.get().secret()), code);
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
		this.credentials.insertCredential(accountId, enrollment.get().secret(), this.clock.instant(),
				enrollment.get().verifiedStep());
		this.recoveryCodes.activatePending(accountId);
		this.credentials.deleteEnrollment(accountId);
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
		OptionalLong step = this.verifier.matchingStep(Base32.decode(credential.get().secret()), code);
		if (step.isPresent() && this.credentials.claimStep(accountId, step.getAsLong())) {
			return SecondFactorResult.ACCEPTED;
		}
		return failure(accountId);
	}

	@Transactional
	SecondFactorResult signInWithRecoveryCode(long accountId, String typed) {
		if (!isEnabled(accountId)) {
			return SecondFactorResult.NOT_ENROLLED;
		}
		if (!RecoveryCodes.isWellFormed(typed)) {
			return SecondFactorResult.MALFORMED;
		}
		if (this.recoveryCodes.consume(accountId, typed)) {
			this.credentials.resetFailures(accountId);
			return SecondFactorResult.ACCEPTED;
		}
		return failure(accountId);
	}

	/** A wrong or replayed code: counted, so guessing is bounded per account. */
	private SecondFactorResult failure(long accountId) {
		int failures = this.credentials.recordFailure(accountId);
		return (failures > 0 && failures % this.properties.failuresPerSignIn() == 0) ? SecondFactorResult.START_OVER
				: SecondFactorResult.REJECTED;
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
		return true;
	}

	private Optional<TotpCredentials.Enrollment> liveEnrollment(long accountId) {
		Instant now = this.clock.instant();
		return this.credentials.findEnrollment(accountId).filter(e -> e.expiresAt().isAfter(now));
	}

}
