package io.zdash.passkey;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.zdash.account.AccountUser;
import io.zdash.account.SignInWithoutPassword;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.passkey.PasskeyCeremonies.Purpose;
import io.zdash.signin.AttemptGate;
import io.zdash.signin.FactorAttempt;
import io.zdash.signin.FactorRefused;
import io.zdash.signin.FactorResult;
import io.zdash.signin.Factors;
import io.zdash.signin.SecondFactorFailures;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Proves {@code FACTOR_WEBAUTHN} from a key's signature: as the second factor after the password
 * and at a step-up re-check — behind the same attempt gate as the codes, whose count and whose
 * consequences of failure ({@link SecondFactorFailures}) it shares —
 * and, for a passkey that verified its user, as the whole sign-in. Each success and failure is in
 * the security log.
 */
@Component
class PasskeyProvider implements AuthenticationProvider {

	private static final AttemptGate.Kind GATE = AttemptGate.Kind.SECOND_FACTOR;

	private final PasskeyCeremony ceremony;

	private final AttemptGate gate;

	private final SecurityLog securityLog;

	private final SignInWithoutPassword accounts;

	private final Clock clock;

	private final SecondFactorFailures failures;

	PasskeyProvider(PasskeyCeremony ceremony, AttemptGate gate, SecurityLog securityLog, SignInWithoutPassword accounts,
			Clock clock, SecondFactorFailures failures) {
		this.failures = failures;
		this.ceremony = ceremony;
		this.gate = gate;
		this.securityLog = securityLog;
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		FactorAttempt attempt = (FactorAttempt) authentication;
		return switch (attempt.kind()) {
			case KEY -> secondFactor(attempt, Purpose.SECOND_STEP);
			case KEY_RECHECK -> secondFactor(attempt, Purpose.STEP_UP);
			case PASSKEY_SIGN_IN -> signIn(attempt);
			default -> null;
		};
	}

	private Authentication secondFactor(FactorAttempt attempt, Purpose purpose) {
		if (!(attempt.getPrincipal() instanceof AccountUser user)) {
			return null;
		}
		String key = Long.toString(user.accountId());
		if (!this.gate.begin(GATE, key).isZero()) {
			this.securityLog.record(SecurityEvent.of(user.accountId(), SecurityEvent.Type.SIGN_IN_THROTTLED, attempt.origin()));
			throw new FactorRefused(FactorResult.THROTTLED, this.gate.waitFor(GATE, key));
		}
		Outcome outcome = this.ceremony.verify(purpose, attempt.typed(), attempt.request());
		copied(outcome, attempt);
		if (outcome.verified() == null) {
			this.securityLog.record(new SecurityEvent(user.accountId(), SecurityEvent.Type.SIGN_IN_KEY_FAILED,
					"reason=" + outcome.refusal().name().toLowerCase() + ", consecutive=" + this.gate.failures(GATE, key),
					attempt.origin()));
			FactorResult result = this.failures.failed(user.accountId(), attempt.origin());
			throw new FactorRefused(result, this.gate.waitFor(GATE, key));
		}
		this.gate.reset(GATE, key);
		this.securityLog.record(SecurityEvent.of(user.accountId(), SecurityEvent.Type.SIGN_IN_KEY_SUCCEEDED, attempt.origin()));
		// A key that did not check its user (a security key without a PIN) proves possession: enough
		// after the password, but not a fresh re-check, so it is not recent for step-up (see StepUp).
		Instant provenAt = outcome.verified().userVerified() ? this.clock.instant() : Instant.EPOCH;
		return attempt.proven(Factors.WEBAUTHN, provenAt);
	}

	private Authentication signIn(FactorAttempt attempt) {
		Outcome outcome = this.ceremony.verify(Purpose.SIGN_IN, attempt.typed(), attempt.request());
		copied(outcome, attempt);
		Optional<AccountUser> user = Optional.ofNullable(outcome.verified())
			.flatMap(verified -> this.accounts.signIn(verified.accountId(), attempt.origin()));
		if (user.isEmpty()) {
			Long account = (outcome.verified() != null) ? Long.valueOf(outcome.verified().accountId()) : outcome.owner();
			String reason = (outcome.refusal() != null) ? outcome.refusal().name().toLowerCase() : "disabled";
			this.securityLog.record(new SecurityEvent(account, SecurityEvent.Type.SIGN_IN_PASSKEY_FAILED,
					"reason=" + reason, attempt.origin()));
			throw new FactorRefused(FactorResult.REJECTED);
		}
		this.securityLog.record(SecurityEvent.of(user.get().accountId(), SecurityEvent.Type.SIGN_IN_PASSKEY_SUCCEEDED,
				attempt.origin()));
		return attempt.signedInWithPasskey(user.get(), this.clock.instant());
	}

	/** A good signature with a counter that went back: perhaps a copy of the key; the owner is told. */
	private void copied(Outcome outcome, FactorAttempt attempt) {
		if (outcome.refusal() == Refusal.COUNTER_WENT_BACK) {
			this.securityLog.record(SecurityEvent.of(outcome.owner(), SecurityEvent.Type.KEY_COUNTER_WENT_BACK, attempt.origin()));
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return FactorAttempt.class.isAssignableFrom(authentication);
	}

}
