package io.zdash.signin;

/**
 * The installation's two-factor settings: whether every account must use 2FA, and for how many
 * days a trusted device may skip the code (0: not at all). Implemented by the administration feature, which owns the
 * setting, so that the factor rule does not depend on it.
 */
public interface TwoFactorPolicy {

	/** Whether every account must have 2FA now: required, and the deadline has come. */
	boolean requiredForEveryone();

	/** When 2FA is required of everyone from (maybe already past); empty when it is not required. */
	java.util.Optional<java.time.Instant> requiredFrom();

	int trustedDeviceDays();

}
