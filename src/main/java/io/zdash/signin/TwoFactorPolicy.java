package io.zdash.signin;

/**
 * Whether every account must use 2FA. Implemented by the administration feature, which owns the
 * setting, so that the factor rule does not depend on it.
 */
public interface TwoFactorPolicy {

	boolean requiredForEveryone();

}
