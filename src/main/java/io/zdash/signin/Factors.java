package io.zdash.signin;

import java.time.Instant;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The authority names of the sign-in factors and of the markers the password step adds, and the
 * questions every page asks of them. {@link #PASSWORD} is Spring Security's own constant; the second
 * step grants {@link #TOTP}.
 */
public final class Factors {

	public static final String PASSWORD = FactorGrantedAuthority.PASSWORD_AUTHORITY;

	public static final String TOTP = "FACTOR_TOTP";

	/**
	 * A passkey or security key signed this sign-in's challenge: Spring Security's own constant. After
	 * the password it is the second factor, as {@link #TOTP} is; with {@link #PASSKEY_SIGN_IN} it is the
	 * whole sign-in.
	 */
	public static final String WEBAUTHN = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;

	/**
	 * Marks a sign-in with a passkey alone, no password: the key proved possession and its user (PIN
	 * or biometric), which is two factors in one, as at GitHub and Keycloak.
	 */
	public static final String PASSKEY_SIGN_IN = "SIGNED_IN_WITH_PASSKEY";

	/**
	 * Granted at the password step instead of a second factor when the browser is a trusted device of
	 * the account (see {@link DeviceTrust}). It completes a sign-in, and nothing more: step-up reads
	 * {@link #TOTP} only, so a sensitive action still asks for a code.
	 */
	public static final String TRUSTED_DEVICE = "FACTOR_TRUSTED_DEVICE";

	/**
	 * Spring's factor of a bearer token: a request that carried a personal access token. The token
	 * stands for the whole sign-in (it was made after one) and for no factor's re-check.
	 */
	public static final String BEARER = FactorGrantedAuthority.BEARER_AUTHORITY;

	/** Marks, at the password step, an account whose sign-in is only complete with a second factor. */
	public static final String TOTP_ENROLLED = "TWO_FACTOR_ENROLLED";

	/** Marks an account without 2FA while an administrator requires it of everyone: it must enroll first. */
	public static final String TOTP_REQUIRED = "TWO_FACTOR_REQUIRED";

	private Factors() {
	}

	/** Whether this authentication has every factor its account needs: the rule of every page. */
	public static boolean isComplete(Authentication authentication) {
		if (withPasskeyAlone(authentication) || withToken(authentication)) {
			return true;
		}
		return has(authentication, PASSWORD) && (!needsCode(authentication) || hasSecondFactor(authentication)
				|| secondStepSkipped(authentication));
	}

	/** A request of the JSON API that carried a personal access token (see {@link #BEARER}). */
	public static boolean withToken(Authentication authentication) {
		return has(authentication, BEARER);
	}

	/** Signed in with a passkey, no password (see {@link #PASSKEY_SIGN_IN}). */
	public static boolean withPasskeyAlone(Authentication authentication) {
		return has(authentication, PASSKEY_SIGN_IN) && has(authentication, WEBAUTHN);
	}

	/** A code from the app, a recovery code or a key was proven in this session. */
	public static boolean hasSecondFactor(Authentication authentication) {
		return has(authentication, TOTP) || has(authentication, WEBAUTHN);
	}

	/** An enrolled account signed in on one of its trusted devices: no code was typed this time. */
	public static boolean secondStepSkipped(Authentication authentication) {
		return has(authentication, TOTP_ENROLLED) && has(authentication, TRUSTED_DEVICE);
	}

	/** Whether this sign-in is complete only with the one-time-code factor. */
	public static boolean needsCode(Authentication authentication) {
		return has(authentication, TOTP_ENROLLED) || has(authentication, TOTP_REQUIRED);
	}

	/** A half sign-in of an enrolled account: the password is in, the second factor is not yet. */
	public static boolean awaitsSecondFactor(Authentication authentication) {
		return has(authentication, TOTP_ENROLLED) && !isComplete(authentication);
	}

	public static boolean has(Authentication authentication, String authority) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
	}

	/** A factor proven at {@code at}: Spring Security's step-up and timeouts read that instant. */
	static GrantedAuthority proven(String factor, Instant at) {
		return FactorGrantedAuthority.withAuthority(factor).issuedAt(at).build();
	}

}
