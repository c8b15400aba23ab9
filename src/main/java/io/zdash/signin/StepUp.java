package io.zdash.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Step-up ("sudo mode") for sensitive actions: a complete sign-in is not enough, the account's
 * strongest factor must have been entered within the window — the one-time code when 2FA is on,
 * else the password. Built on Spring Security's factor {@code issuedAt} and {@code validDuration}.
 */
final class StepUp implements AuthorizationManager<Object> {

	private final AllFactorsOfAccount complete = new AllFactorsOfAccount();

	private final AllRequiredFactorsAuthorizationManager<Object> recentCode;

	private final AllRequiredFactorsAuthorizationManager<Object> recentPassword;

	private final AllRequiredFactorsAuthorizationManager<Object> recentKey;

	StepUp(Duration window, Clock clock) {
		this.recentCode = recent(Factors.TOTP, window, clock);
		this.recentKey = recent(Factors.WEBAUTHN, window, clock);
		this.recentPassword = recent(Factors.PASSWORD, window, clock);
	}

	/** The factor, entered within {@code window} of now. */
	static AllRequiredFactorsAuthorizationManager<Object> recent(String factor, Duration window, Clock clock) {
		AllRequiredFactorsAuthorizationManager<Object> manager = AllRequiredFactorsAuthorizationManager.<Object>builder()
			.requireFactor(required -> required.authority(factor).validDuration(window))
			.build();
		manager.setClock(clock);
		return manager;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Object object) {
		AuthorizationResult signedIn = this.complete.authorize(authentication, object);
		if (signedIn == null || !signedIn.isGranted()) {
			return signedIn;
		}
		boolean enrolled = Factors.has(authentication.get(), Factors.TOTP_ENROLLED);
		if (!enrolled) {
			return this.recentPassword.authorize(authentication, object);
		}
		// A recent key stands for a recent code; else the code's answer (stale: to the re-check page).
		AuthorizationResult key = this.recentKey.authorize(authentication, object);
		return (key != null && key.isGranted()) ? key : this.recentCode.authorize(authentication, object);
	}

}
