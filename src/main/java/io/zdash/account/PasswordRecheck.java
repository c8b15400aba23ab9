package io.zdash.account;

import java.time.Clock;
import java.time.Duration;

import io.zdash.signin.FactorAttempt;
import io.zdash.signin.FactorRefused;
import io.zdash.signin.FactorResult;
import io.zdash.signin.Factors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Proves a fresh {@code FACTOR_PASSWORD} at a step-up re-check of an account without 2FA, through
 * the re-check's attempt gate (see {@link AccountService#passwordMatches}). While that gate is
 * closed the refusal says so, with the wait: the owner is not told a right password is wrong.
 */
@Component
class PasswordRecheck implements AuthenticationProvider {

	private final AccountService accounts;

	private final Clock clock;

	PasswordRecheck(AccountService accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		FactorAttempt attempt = (FactorAttempt) authentication;
		if (attempt.kind() != FactorAttempt.Kind.PASSWORD || !(attempt.getPrincipal() instanceof AccountUser user)) {
			return null;
		}
		if (!this.accounts.passwordMatches(user.accountId(), attempt.typed())) {
			Duration wait = this.accounts.passwordRecheckWait(user.accountId());
			throw wait.isZero() ? new FactorRefused(FactorResult.REJECTED) : new FactorRefused(FactorResult.THROTTLED, wait);
		}
		return attempt.proven(Factors.PASSWORD, this.clock.instant());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return FactorAttempt.class.isAssignableFrom(authentication);
	}

}
