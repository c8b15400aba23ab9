package io.zdash.web;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.zdash.account.SignInFactors;

import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Step-up ("sudo mode") for sensitive actions: a complete sign-in is not enough, the account's
 * strongest factor must have been entered within the window — the one-time code when 2FA is on,
 * else the password. Built on Spring Security's factor {@code issuedAt} and {@code validDuration}.
 */
final class RecentFactor implements AuthorizationManager<Object> {

	private final AllFactorsOfAccount complete = new AllFactorsOfAccount();

	private final AllRequiredFactorsAuthorizationManager<Object> recentCode;

	private final AllRequiredFactorsAuthorizationManager<Object> recentPassword;

	RecentFactor(Duration window, Clock clock) {
		this.recentCode = AllRequiredFactorsAuthorizationManager.<Object>builder()
			.requireFactor(factor -> factor.authority(SignInFactors.TOTP).validDuration(window))
			.build();
		this.recentCode.setClock(clock);
		this.recentPassword = AllRequiredFactorsAuthorizationManager.<Object>builder()
			.requireFactor(factor -> factor.passwordAuthority().validDuration(window))
			.build();
		this.recentPassword.setClock(clock);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Object object) {
		AuthorizationResult signedIn = this.complete.authorize(authentication, object);
		if (signedIn == null || !signedIn.isGranted()) {
			return signedIn;
		}
		boolean enrolled = SignInFactors.has(authentication.get(), SignInFactors.TOTP_ENROLLED);
		return (enrolled ? this.recentCode : this.recentPassword).authorize(authentication, object);
	}

}
