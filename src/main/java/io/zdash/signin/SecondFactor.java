package io.zdash.signin;

/**
 * A kind of second factor an account can have, implemented by the feature that stores it (the
 * authenticator app today, passkeys next): an account with any of them needs a second factor at
 * every sign-in.
 */
public interface SecondFactor {

	boolean isEnrolled(long accountId);

}
