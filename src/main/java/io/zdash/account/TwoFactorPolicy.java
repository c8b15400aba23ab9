package io.zdash.account;

/**
 * Whether every account must use 2FA. Implemented by the administration feature, which owns the
 * setting, so that this feature does not depend on it.
 */
public interface TwoFactorPolicy {

	boolean requiredForEveryone();

}
