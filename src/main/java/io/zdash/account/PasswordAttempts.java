package io.zdash.account;

import java.time.Duration;
import java.util.Locale;

import io.zdash.signin.AttemptGate;
import io.zdash.support.Sha256;

import org.springframework.stereotype.Component;

/**
 * The password's attempt gate, keyed by a hash of the typed email whether or not an account has
 * it: a throttled answer tells nothing about existence, and typed emails (sometimes a password
 * typed in the wrong field) are not stored in clear.
 */
@Component
class PasswordAttempts {

	private static final AttemptGate.Kind GATE = AttemptGate.Kind.PASSWORD;

	private final AttemptGate gate;

	PasswordAttempts(AttemptGate gate) {
		this.gate = gate;
	}

	/** @return zero when the password may be checked now, else how long to wait */
	Duration begin(String typedEmail) {
		return this.gate.begin(GATE, key(typedEmail));
	}

	/** @return the wait the wrong password imposed, or zero */
	Duration failed(String typedEmail) {
		return this.gate.recordFailure(GATE, key(typedEmail));
	}

	void reset(String typedEmail) {
		this.gate.reset(GATE, key(typedEmail));
	}

	Duration waitFor(String typedEmail) {
		return this.gate.waitFor(GATE, key(typedEmail));
	}

	static String key(String typedEmail) {
		return Sha256.hex(EmailAddress.normalise(typedEmail)
			.orElse(String.valueOf(typedEmail).strip().toLowerCase(Locale.ROOT)));
	}

}
