package io.zdash.twofactor;

import java.time.Clock;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.signin.AttemptGate;
import io.zdash.signin.FactorResult;
import io.zdash.signin.SecondFactorFailures;
import io.zdash.support.Backoff;
import io.zdash.support.Origin;

import org.springframework.stereotype.Component;

/**
 * The consequences of a wrong second factor, whatever its kind (see {@link SecondFactorFailures}):
 * the growing wait of the attempt gate, {@code SECOND_FACTOR_GUESSED} for the owner once a run
 * passes the free failures, and after {@link TwoFactorProperties#maxFailures} in a row (fewer with
 * several apps: {@link #blockAfter}) the block of app codes (NIST 800-63B §3.2.2), which a recovery
 * code lifts.
 */
@Component
class WrongSecondFactor implements SecondFactorFailures {

	static final AttemptGate.Kind GATE = AttemptGate.Kind.SECOND_FACTOR;

	private final TotpCredentials credentials;

	private final TotpApps apps;

	private final AttemptGate gate;

	private final SecurityLog securityLog;

	private final TwoFactorProperties properties;

	private final Clock clock;

	WrongSecondFactor(TotpCredentials credentials, TotpApps apps, AttemptGate gate, SecurityLog securityLog,
			TwoFactorProperties properties, Clock clock) {
		this.credentials = credentials;
		this.apps = apps;
		this.gate = gate;
		this.securityLog = securityLog;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public FactorResult failed(long accountId, Origin origin) {
		int failures = this.gate.failures(GATE, key(accountId));
		if (failures >= blockAfter(this.properties.maxFailures(), this.apps.count(accountId))) {
			if (this.credentials.block(accountId, this.clock.instant())) {
				// Blocked for good: no wait on top, so the recovery-code path stays open to the owner.
				this.gate.lift(GATE, key(accountId));
			}
			this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.AUTHENTICATOR_BLOCKED, origin));
			return FactorResult.BLOCKED;
		}
		if (failures == Backoff.FREE_FAILURES + 1) {
			// The right password, then five wrong second factors: tell the owner, once per run.
			this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.SECOND_FACTOR_GUESSED, origin));
		}
		return this.gate.recordFailure(GATE, key(accountId)).isZero() ? FactorResult.REJECTED : FactorResult.START_OVER;
	}

	/**
	 * How many wrong second factors in a row block the app codes. A code is tried against every app
	 * (each accepts three time steps), so with {@code apps} apps one guess is {@code apps} guesses:
	 * the limit shrinks with them, to keep the odds of guessing in before the block what they are
	 * with one app (about 100 × 3 in a million).
	 */
	static int blockAfter(int maxFailures, long apps) {
		return (int) Math.max(1, maxFailures / Math.max(1, apps));
	}

	/** The wrong second factors in a row so far. */
	int failures(long accountId) {
		return this.gate.failures(GATE, key(accountId));
	}

	static String key(long accountId) {
		return Long.toString(accountId);
	}

}
