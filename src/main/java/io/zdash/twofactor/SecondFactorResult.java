package io.zdash.twofactor;

/** The outcome of a second-factor attempt. */
enum SecondFactorResult {

	ACCEPTED,
	/** Wrong or replayed: counted as a failed attempt; the person may try again. */
	REJECTED,
	/** Not even the shape of a code (empty, letters, too long): not a guess, so not counted. */
	MALFORMED,
	/** Wrong again, and that was the last try of this sign-in: start over at the password. */
	START_OVER,
	/** The account has no authenticator (any more). */
	NOT_ENROLLED

}
