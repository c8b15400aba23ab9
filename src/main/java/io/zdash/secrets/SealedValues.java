package io.zdash.secrets;

/**
 * A feature's values stored sealed with the keyset, as the key check at start-up and key
 * rotation see them. The feature chooses its associated data, so this side only passes the cipher.
 */
public interface SealedValues {

	/** What these values are, for the operator's messages ("two-factor secrets"). */
	String description();

	/** How many are stored: with none anywhere, a missing key file may be created afresh. */
	long count();

	/**
	 * At start-up: opens one stored value, so that a wrong key stops the start rather than every
	 * later use (throws {@link IllegalStateException}). Every store is checked before any writes.
	 */
	void check(SecretCipher cipher);

	/**
	 * At start-up, once every store's check passed: seals any value an earlier version stored in
	 * clear. Never before, so a wrong key cannot seal (and so lose) anything.
	 */
	default void sealClear(SecretCipher cipher) {
	}

	/**
	 * Re-seals with the primary key up to {@code limit} values sealed with another, each only if
	 * unchanged since it was read. @return how many were re-sealed; zero when none is left
	 */
	int reseal(SecretCipher cipher, long primaryKeyId, int limit);

}
