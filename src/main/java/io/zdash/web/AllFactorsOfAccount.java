package io.zdash.web;

import java.util.function.Supplier;

import io.zdash.account.SignInFactors;

import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Grants a request when the session holds every factor its account needs: the password always,
 * and the one-time code when the account has 2FA on or must enroll (marked at the password step). A denial names
 * the missing factor, which is how the browser chain knows to send the person to the code page.
 */
final class AllFactorsOfAccount implements AuthorizationManager<Object> {

	private final AllRequiredFactorsAuthorizationManager<Object> password = AllRequiredFactorsAuthorizationManager
		.<Object>builder()
		.requireFactor(factor -> factor.passwordAuthority())
		.build();

	private final AllRequiredFactorsAuthorizationManager<Object> passwordAndCode = AllRequiredFactorsAuthorizationManager
		.<Object>builder()
		.requireFactor(factor -> factor.passwordAuthority())
		.requireFactor(factor -> factor.authority(SignInFactors.TOTP))
		.build();

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Object object) {
		boolean needsCode = SignInFactors.needsCode(authentication.get());
		return (needsCode ? this.passwordAndCode : this.password).authorize(authentication, object);
	}

}
