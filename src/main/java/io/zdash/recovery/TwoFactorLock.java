package io.zdash.recovery;

/**
 * The account's 2FA, as new recovery codes need it: they are made only while it is on, and while
 * nothing else changes the account's factors (turning 2FA off would otherwise miss the new codes).
 * Implemented by the feature that owns 2FA.
 */
public interface TwoFactorLock {

	/** Whether 2FA is on; locks the account's factors until the caller's transaction ends. */
	boolean twoFactorOn(long accountId);

}
