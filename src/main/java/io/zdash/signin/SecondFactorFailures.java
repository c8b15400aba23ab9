package io.zdash.signin;

import io.zdash.support.Origin;

/**
 * What a wrong second factor leads to, the same for every kind (a code from the app, a recovery
 * code, a key's refused signature): they share one count per account, and its consequences are
 * decided in one place, by the feature that owns the block (the authenticator apps').
 */
public interface SecondFactorFailures {

	/**
	 * A wrong second factor of the account, already counted when its attempt began at the
	 * {@link AttemptGate}, and already in the security log with its kind: the wait its count calls
	 * for, the owner's warning at the sixth in a row, and at the ceiling the block of the app's codes.
	 * @return {@link FactorResult#REJECTED}, {@link FactorResult#START_OVER} (a wait began) or
	 * {@link FactorResult#BLOCKED}
	 */
	FactorResult failed(long accountId, Origin origin);

}
