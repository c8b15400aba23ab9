package io.zdash.account;

import java.time.Clock;

import io.zdash.signin.FactorAttempt;
import io.zdash.signin.FactorRefused;
import io.zdash.signin.FactorResult;
import io.zdash.signin.Factors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Proves a fresh {@code FACTOR_PASSWORD} at a step-up re-check of an account without 2FA, through
 * the same attempt gate as the password step. Any refusal reads "wrong password", a throttled one
 * included, so the page cannot tell a guesser which it was.
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
			throw new FactorRefused(FactorResult.REJECTED);
		}
		return attempt.proven(Factors.PASSWORD, this.clock.instant());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return FactorAttempt.class.isAssignableFrom(authentication);
	}

}
