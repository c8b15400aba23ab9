package io.zdash.signin;

/** The outcome of checking one factor. */
public enum FactorResult {

	ACCEPTED,
	/** Wrong or replayed: counted as a failed attempt; the person may try again. */
	REJECTED,
	/** Not even the shape of a code (empty, letters, too long): not a guess, so not counted. */
	MALFORMED,
	/** Wrong again, and now a wait is imposed: the person starts over at the password after it. */
	START_OVER,
	/** Too many failures in a row: nothing is checked until the wait is over. */
	THROTTLED,
	/** 100 failures in a row: codes from the app are refused until a recovery code is used. */
	BLOCKED,
	/** The account has no such factor (any more). */
	NOT_ENROLLED

}
