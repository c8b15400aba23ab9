package io.zdash.signin;

/**
 * The pages of the sign-in journey that the factor rules send people to. The controllers map these
 * same constants, so a redirect and its page cannot drift apart.
 */
public final class SignInRoutes {

	public static final String PASSWORD_STEP = "/login";

	public static final String CODE_STEP = "/login/totp";

	public static final String RECOVERY_STEP = "/login/recovery";

	/** The second step with a passkey or security key (the code page's "Use your passkey"). */
	public static final String KEY_STEP = "/login/passkey";

	/** A sign-in with a passkey alone, from the sign-in page. */
	public static final String PASSKEY_SIGN_IN = "/login/with-passkey";

	public static final String STEP_UP = "/security/confirm";

	public static final String TWO_FACTOR_SETUP = "/security/two-factor/setup";

	public static final String SECURITY_PAGE = "/security";

	private SignInRoutes() {
	}

}
