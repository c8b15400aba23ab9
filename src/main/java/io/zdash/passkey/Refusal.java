package io.zdash.passkey;

/** Why a browser's answer to a WebAuthn ceremony was refused (see {@link PasskeyCeremony}). */
enum Refusal {

	/** No challenge open for this session, or it expired or was used already. */
	NO_CEREMONY,
	/** Not the JSON of a credential. */
	MALFORMED,
	/** A key no account has (removed, or never ours). */
	UNKNOWN_KEY,
	/** A key of another account than the one signing in. */
	OTHER_ACCOUNT,
	/** The signature, challenge, origin, relying party or user verification did not check out. */
	REFUSED,
	/** The key is registered already. */
	ALREADY_ADDED,
	/** 2FA was turned off (or reset) while the browser was asking for the key. */
	TWO_FACTOR_OFF,
	/** The account has as many keys as it may ({@link Passkeys#MAX_KEYS}). */
	TOO_MANY,
	/**
	 * A good signature whose counter did not go up: a key that is not synced counts every use, so
	 * this may be a copy of it. Refused, recorded and told to the owner; nothing changes.
	 */
	COUNTER_WENT_BACK

}
