package io.zdash.account;

import java.time.Duration;
import java.util.Locale;

import io.zdash.signin.AttemptGate;
import io.zdash.support.Sha256;

import org.springframework.stereotype.Component;

/**
 * The password's attempt gates. A browser the account does not know is counted by a hash of the
 * typed email whether or not an account has it: a throttled answer tells nothing about existence,
 * and typed emails (sometimes a password typed in the wrong field) are not stored in clear. A
 * browser with the account's device cookie is counted by that cookie alone ({@link DeviceCookies}),
 * and a signed-in session's re-check by the account.
 */
@Component
class PasswordAttempts {

	/** One attempt gate's kind and key. */
	record Gate(AttemptGate.Kind kind, String key) {
	}

	/** More wrong passwords in a row than this, and a device cookie is no longer trusted. */
	static final int DEVICE_FAILURES = 10;

	private final AttemptGate gate;

	PasswordAttempts(AttemptGate gate) {
		this.gate = gate;
	}

	static Gate ofEmail(String typedEmail) {
		return new Gate(AttemptGate.Kind.PASSWORD, key(typedEmail));
	}

	static Gate ofDevice(String tokenHash) {
		return new Gate(AttemptGate.Kind.PASSWORD_DEVICE, tokenHash);
	}

	static Gate ofRecheck(long accountId) {
		return new Gate(AttemptGate.Kind.PASSWORD_RECHECK, Long.toString(accountId));
	}

	/** @return zero when the password may be checked now, else how long to wait */
	Duration begin(Gate gate) {
		return this.gate.begin(gate.kind(), gate.key());
	}

	/** @return the wait the wrong password imposed, or zero */
	Duration failed(Gate gate) {
		return this.gate.recordFailure(gate.kind(), gate.key());
	}

	int failures(Gate gate) {
		return this.gate.failures(gate.kind(), gate.key());
	}

	void reset(Gate gate) {
		this.gate.reset(gate.kind(), gate.key());
	}

	Duration waitFor(Gate gate) {
		return this.gate.waitFor(gate.kind(), gate.key());
	}

	/** An administrator's unlock, a new password: every gate of the account is open again. */
	void resetAll(String email, long accountId) {
		reset(ofEmail(email));
		reset(ofRecheck(accountId));
	}

	static String key(String typedEmail) {
		return Sha256.hex(EmailAddress.normalise(typedEmail)
			.orElse(String.valueOf(typedEmail).strip().toLowerCase(Locale.ROOT)));
	}

}
