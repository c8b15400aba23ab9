package io.zdash.account;

import org.springframework.security.core.Authentication;

/**
 * Authority names of the sign-in factors. {@code FACTOR_PASSWORD} is Spring Security's own; the
 * second step grants {@link #TOTP}; {@link #TOTP_ENROLLED} marks, at the password step, an account
 * whose sign-in is only complete with that second factor.
 */
public final class SignInFactors {

	public static final String PASSWORD = "FACTOR_PASSWORD";

	public static final String TOTP = "FACTOR_TOTP";

	public static final String TOTP_ENROLLED = "TWO_FACTOR_ENROLLED";

	/** Marks an account without 2FA while an administrator requires it of everyone: it must enroll first. */
	public static final String TOTP_REQUIRED = "TWO_FACTOR_REQUIRED";

	private SignInFactors() {
	}

	/** Whether this authentication has every factor its account needs: the rule of every page. */
	public static boolean isComplete(Authentication authentication) {
		return has(authentication, PASSWORD) && (!needsCode(authentication) || has(authentication, TOTP));
	}

	/** Whether this sign-in is complete only with the one-time-code factor. */
	public static boolean needsCode(Authentication authentication) {
		return has(authentication, TOTP_ENROLLED) || has(authentication, TOTP_REQUIRED);
	}

	public static boolean has(Authentication authentication, String authority) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
	}

}
