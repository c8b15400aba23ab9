package io.zdash.passkey;

/**
 * The account's second factors that are not keys (its authenticator apps), as far as removing a key
 * needs to know: the last way to pass a re-check without spending recovery codes is not removed.
 * Implemented by the feature that owns the apps.
 */
public interface OtherSecondFactors {

	/**
	 * Whether the account has a second factor besides its keys; locks the account's factors until
	 * the caller's transaction ends, so a removal of an app and of a key cannot race past each other.
	 */
	boolean anyBesideKeys(long accountId);

}
