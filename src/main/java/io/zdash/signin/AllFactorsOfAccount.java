package io.zdash.signin;

import java.util.function.Supplier;

import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Grants a request when the session holds every factor its account needs: the password always,
 * and the one-time code when the account has 2FA on or must enroll (marked at the password step),
 * unless a trusted device of the account stood in for it at the password step. A
 * denial names the missing factor, which is how the browser chain knows where to send the person.
 */
final class AllFactorsOfAccount implements AuthorizationManager<Object> {

	private final AllRequiredFactorsAuthorizationManager<Object> password = AllRequiredFactorsAuthorizationManager
		.<Object>builder()
		.requireFactor(factor -> factor.passwordAuthority())
		.build();

	private final AllRequiredFactorsAuthorizationManager<Object> passwordAndCode = AllRequiredFactorsAuthorizationManager
		.<Object>builder()
		.requireFactor(factor -> factor.passwordAuthority())
		.requireFactor(factor -> factor.authority(Factors.TOTP))
		.build();

	private final AllRequiredFactorsAuthorizationManager<Object> passwordAndKey = AllRequiredFactorsAuthorizationManager
		.<Object>builder()
		.requireFactor(factor -> factor.passwordAuthority())
		.requireFactor(factor -> factor.webauthnAuthority())
		.build();

	private final AllRequiredFactorsAuthorizationManager<Object> passkey = AllRequiredFactorsAuthorizationManager
		.<Object>builder()
		.requireFactor(factor -> factor.webauthnAuthority())
		.build();

	private final AllRequiredFactorsAuthorizationManager<Object> token = AllRequiredFactorsAuthorizationManager
		.<Object>builder()
		.requireFactor(factor -> factor.bearerTokenAuthority())
		.build();

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Object object) {
		Authentication current = authentication.get();
		if (Factors.withToken(current)) {
			return this.token.authorize(authentication, object);
		}
		if (Factors.withPasskeyAlone(current)) {
			return this.passkey.authorize(authentication, object);
		}
		// A trusted device stands in for the code at sign-in (never for step-up, see StepUp).
		boolean needsCode = Factors.needsCode(current) && !Factors.secondStepSkipped(current);
		if (!needsCode) {
			return this.password.authorize(authentication, object);
		}
		// Either second factor: a key's, else the code's (whose denial sends the browser to the code page).
		return (Factors.has(current, Factors.WEBAUTHN) ? this.passwordAndKey : this.passwordAndCode)
			.authorize(authentication, object);
	}

}
