package io.zdash.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * The second step's rule: the password factor, and while the second factor is still missing, a
 * password entered within the half-sign-in timeout. An older half sign-in is denied with the
 * password factor expired, which {@link FactorEntryPoint} turns into "signed out, start again".
 */
final class HalfSignInTimeout implements AuthorizationManager<Object> {

	private final AllRequiredFactorsAuthorizationManager<Object> password = AllRequiredFactorsAuthorizationManager
		.<Object>builder()
		.requireFactor(factor -> factor.passwordAuthority())
		.build();

	private final AllRequiredFactorsAuthorizationManager<Object> freshPassword;

	HalfSignInTimeout(Duration timeout, Clock clock) {
		this.freshPassword = StepUp.recent(Factors.PASSWORD, timeout, clock);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Object object) {
		boolean pending = Factors.awaitsSecondFactor(authentication.get());
		return (pending ? this.freshPassword : this.password).authorize(authentication, object);
	}

}
