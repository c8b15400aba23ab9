package io.zdash.signin;

/**
 * A kind of second factor an account can have, implemented by the feature that stores it (the
 * authenticator app today, passkeys next): an account with any of them needs a second factor at
 * every sign-in.
 */
public interface SecondFactor {

	boolean isEnrolled(long accountId);

	/**
	 * Whether the next sign-in must prove this factor itself, even on a trusted device: the
	 * two-factor check-up, for one, tells the person their authenticator "just worked".
	 */
	default boolean mustBeProvenAtNextSignIn(long accountId) {
		return false;
	}

}
