package io.zdash.account;

/**
 * Answers whether an account's sign-in needs a second factor. Implemented by the two-factor feature,
 * so that the account feature does not depend on it.
 */
public interface TwoFactorStatus {

	boolean isEnabled(long accountId);

}
