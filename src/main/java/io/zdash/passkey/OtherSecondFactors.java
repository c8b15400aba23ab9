package io.zdash.passkey;

/**
 * The account's second factors that are not keys (its authenticator apps), as far as adding and
 * removing a key need to know: a key is added only while 2FA is on, and the last way to pass a
 * re-check without spending recovery codes is not removed. Implemented by the feature that owns the
 * apps.
 */
public interface OtherSecondFactors {

	/**
	 * Whether the account has a second factor besides its keys; locks the account's factors until
	 * the caller's transaction ends, so a removal of an app and of a key cannot race past each other.
	 */
	boolean anyBesideKeys(long accountId);

	/**
	 * Whether 2FA is on for the account; locks its factors likewise, so a key cannot be added while
	 * 2FA is being turned off or reset (the key would outlive it).
	 */
	boolean twoFactorOn(long accountId);

}
