package io.zdash.twofactor;

/** The outcome of a second-factor attempt. */
enum SecondFactorResult {

	ACCEPTED,
	/** Wrong, replayed or malformed; the person may try again. */
	REJECTED,
	/** Wrong again, and that was the last try of this sign-in: start over at the password. */
	START_OVER,
	/** The account has no authenticator (any more). */
	NOT_ENROLLED

}
