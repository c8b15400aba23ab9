package io.zdash.twofactor;

import java.time.Clock;
import java.time.Duration;

import io.zdash.account.AccountUser;
import io.zdash.signin.FactorAttempt;
import io.zdash.signin.FactorRefused;
import io.zdash.signin.FactorResult;
import io.zdash.signin.Factors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Proves {@code FACTOR_TOTP} from a code of the authenticator app or a recovery code, at the second
 * sign-in step and at a step-up re-check of an account with 2FA.
 */
@Component
class SecondStepProvider implements AuthenticationProvider {

	/** What this provider checks: codes typed (a key's signature is the passkey feature's). */
	private static final java.util.Set<FactorAttempt.Kind> TYPED = java.util.EnumSet.of(FactorAttempt.Kind.APP_CODE,
			FactorAttempt.Kind.RECOVERY_CODE, FactorAttempt.Kind.SECOND_FACTOR);

	private final SecondFactorCheck check;

	private final Clock clock;

	private final ClockDrift drift;

	SecondStepProvider(SecondFactorCheck check, ClockDrift drift, Clock clock) {
		this.check = check;
		this.drift = drift;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		FactorAttempt attempt = (FactorAttempt) authentication;
		if (!(attempt.getPrincipal() instanceof AccountUser user) || !TYPED.contains(attempt.kind())) {
			return null;
		}
		long accountId = user.accountId();
		FactorResult result = switch (attempt.kind()) {
			case APP_CODE -> OneTimeCode.parse(attempt.typed())
				.map(code -> this.check.appCode(accountId, code, attempt.origin(), attempt.sessionKey()))
				.orElse(FactorResult.MALFORMED);
			case RECOVERY_CODE -> this.check.recoveryCode(accountId, attempt.typed(), attempt.origin());
			default -> this.check.either(accountId, attempt.typed(), attempt.origin(), attempt.sessionKey(), () -> {
			});
		};
		if (result == FactorResult.ACCEPTED) {
			return attempt.proven(Factors.TOTP, this.clock.instant());
		}
		boolean waiting = result == FactorResult.THROTTLED || result == FactorResult.START_OVER;
		Duration drift = Duration.ZERO;
		if (result == FactorResult.REJECTED && attempt.kind() != FactorAttempt.Kind.RECOVERY_CODE) {
			// Refused and counted already; only now, is it a code of another time (a phone clock off)?
			drift = OneTimeCode.parse(attempt.typed())
				.flatMap(code -> this.drift.suspected(accountId, code, attempt.origin()))
				.orElse(Duration.ZERO);
		}
		throw new FactorRefused(result, waiting ? this.check.waitFor(accountId) : Duration.ZERO, drift);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return FactorAttempt.class.isAssignableFrom(authentication);
	}

}
