package io.zdash.twofactor;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.signin.AttemptGate;
import io.zdash.signin.FactorResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a second factor of an enrolled account — a code from the app or a recovery code — behind
 * the attempt gate: the attempt is counted (in its own transaction, so parallel ones see it) before
 * the code is looked at, and a right one clears the count. Failures per account, whatever the
 * session, so guessing is bounded.
 */
@Service
class SecondFactorCheck {

	private static final AttemptGate.Kind GATE = AttemptGate.Kind.SECOND_FACTOR;

	private final TotpCredentials credentials;

	private final TotpApps apps;

	private final RecoveryCodes recoveryCodes;

	private final TotpSecrets secrets;

	private final TotpVerifier verifier;

	private final AttemptGate gate;

	private final SecurityLog securityLog;

	private final TwoFactorProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final ReplayAlert replayAlert;

	private final WrongSecondFactor wrong;

	SecondFactorCheck(TotpCredentials credentials, TotpApps apps, RecoveryCodes recoveryCodes, TotpSecrets secrets,
			AttemptGate gate, SecurityLog securityLog, TwoFactorProperties properties, Clock clock,
			PlatformTransactionManager transactions, ReplayAlert replayAlert, WrongSecondFactor wrong) {
		this.replayAlert = replayAlert;
		this.wrong = wrong;
		this.apps = apps;
		this.credentials = credentials;
		this.recoveryCodes = recoveryCodes;
		this.secrets = secrets;
		this.verifier = new TotpVerifier(TotpGenerator.AUTHENTICATOR_APPS, clock);
		this.gate = gate;
		this.securityLog = securityLog;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * What was typed, as a code from the app when it has that shape, else as a recovery code; when it
	 * is accepted, runs {@code andThen} in the same transaction as using the code up: both happen, or
	 * neither. {@code sessionKey}: a hash of the sending sign-in's key, or null.
	 */
	FactorResult either(long accountId, String typed, Origin origin, String sessionKey, Runnable andThen) {
		Optional<OneTimeCode> code = OneTimeCode.parse(typed);
		return code.isPresent() ? appCode(accountId, code.get(), origin, sessionKey, andThen)
				: recoveryCode(accountId, typed, origin, andThen);
	}

	FactorResult appCode(long accountId, OneTimeCode code, Origin origin, String sessionKey) {
		return appCode(accountId, code, origin, sessionKey, () -> {
		});
	}

	FactorResult recoveryCode(long accountId, String typed, Origin origin) {
		return recoveryCode(accountId, typed, origin, () -> {
		});
	}

	private FactorResult appCode(long accountId, OneTimeCode code, Origin origin, String sessionKey, Runnable andThen) {
		Optional<TotpCredentials.Credential> credential = this.credentials.findCredential(accountId);
		if (credential.isEmpty()) {
			return FactorResult.NOT_ENROLLED;
		}
		if (credential.get().blockedAt() != null) {
			return FactorResult.BLOCKED;
		}
		if (!begin(accountId, origin)) {
			return FactorResult.THROTTLED;
		}
		return this.transaction.execute(tx -> {
			if (!this.credentials.lockUnblocked(accountId)) {
				return this.credentials.lock(accountId) ? FactorResult.BLOCKED : FactorResult.NOT_ENROLLED; // meanwhile
			}
			// Any of the account's apps; each keeps its own ledger, so a code is used once per app.
			Long replayedBy = null;
			for (TotpApps.App app : this.apps.of(accountId)) {
				OptionalLong step = this.verifier.matchingStep(this.secrets.open(accountId, app.secret()), code);
				if (step.isPresent() && this.apps.claimStep(app.id(), step.getAsLong(), sessionKey, this.clock.instant())) {
					this.gate.reset(GATE, key(accountId));
					this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.SIGN_IN_CODE_SUCCEEDED,
							"app=" + app.id(), origin));
					andThen.run();
					return FactorResult.ACCEPTED;
				}
				replayedBy = (step.isPresent() && replayedBy == null) ? Long.valueOf(app.id()) : replayedBy;
			}
			if (replayedBy != null) {
				// Right code of an app, already used (and no other app's): refused and counted like any
				// wrong code, so the answer gives nothing away, but recorded for the owner to see.
				this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.CODE_REPLAY_REFUSED, origin));
				this.replayAlert.usedCodeSentAgain(accountId, replayedBy, sessionKey, origin);
			}
			return failure(accountId, SecurityEvent.Type.SIGN_IN_CODE_FAILED, origin);
		});
	}

	/**
	 * The other second factor. Shares the failure count with app codes, but is not blocked after 100
	 * failures (it is how the owner lifts that block), and is checked during a pause — counted all
	 * the same — while the failures are below that ceiling: someone who knows the password must not
	 * keep the owner from the recovery path by pausing the codes. An 80-bit code is not guessed in
	 * 100 tries; the per-address limit slows the tries down.
	 */
	private FactorResult recoveryCode(long accountId, String typed, Origin origin, Runnable andThen) {
		if (this.credentials.findCredential(accountId).isEmpty()) {
			return FactorResult.NOT_ENROLLED;
		}
		if (!RecoveryCodes.isWellFormed(typed)) {
			return FactorResult.MALFORMED;
		}
		if (!this.gate.begin(GATE, key(accountId)).isZero()) {
			if (this.gate.failures(GATE, key(accountId)) >= this.properties.maxFailures()) {
				this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.SIGN_IN_THROTTLED, origin));
				return FactorResult.THROTTLED;
			}
			this.gate.countDuringPause(GATE, key(accountId));
		}
		return this.transaction.execute(tx -> {
			this.credentials.lock(accountId); // first, as every change of the factors: no deadlock with a code
			if (this.recoveryCodes.consume(accountId, typed)) {
				this.gate.reset(GATE, key(accountId));
				this.credentials.unblock(accountId);
				this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.SIGN_IN_RECOVERY_CODE_SUCCEEDED,
						"remaining=" + this.recoveryCodes.remaining(accountId), origin));
				andThen.run();
				return FactorResult.ACCEPTED;
			}
			FactorResult result = failure(accountId, SecurityEvent.Type.SIGN_IN_RECOVERY_CODE_FAILED, origin);
			return (result == FactorResult.BLOCKED) ? FactorResult.START_OVER : result;
		});
	}

	/** The wrong second factors in a row so far (what the page warns about). */
	int consecutiveFailures(long accountId) {
		return this.gate.failures(GATE, key(accountId));
	}

	/** How long the account must wait before its next second factor is even checked. */
	Duration waitFor(long accountId) {
		return this.gate.waitFor(GATE, key(accountId));
	}

	/** An administrator's unlock, or a fresh authenticator: no count, no wait, no block. */
	void clear(long accountId) {
		this.gate.reset(GATE, key(accountId));
		this.credentials.unblock(accountId);
	}

	private boolean begin(long accountId, Origin origin) {
		if (this.gate.begin(GATE, key(accountId)).isZero()) {
			return true;
		}
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.SIGN_IN_THROTTLED, origin));
		return false;
	}

	/** A wrong or replayed code, already counted by the gate: logged, then what its count calls for. */
	private FactorResult failure(long accountId, SecurityEvent.Type type, Origin origin) {
		this.securityLog.record(new SecurityEvent(accountId, type, "consecutive=" + this.wrong.failures(accountId), origin));
		return this.wrong.failed(accountId, origin);
	}

	private static String key(long accountId) {
		return Long.toString(accountId);
	}

}
