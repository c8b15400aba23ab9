package io.zdash.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * Finds which time step a typed code belongs to, allowing one step of clock drift either side
 * (RFC 6238 section 5.2). It only answers "which step"; refusing replays is the job of the
 * caller's atomic database update, so that it holds across threads and nodes.
 */
final class TotpVerifier {

	static final int DRIFT_STEPS = 1;

	private final TotpGenerator generator;

	private final Clock clock;

	TotpVerifier(TotpGenerator generator, Clock clock) {
		this.generator = generator;
		this.clock = clock;
	}

	/**
	 * @return the newest step in [now-1, now+1] whose code equals {@code code}, or empty. All three
	 * codes are computed and compared in constant time, so timing does not reveal which matched.
	 */
	OptionalLong matchingStep(byte[] key, OneTimeCode code) {
		long now = this.generator.timeStep(this.clock.instant());
		byte[] typed = code.digits().getBytes(StandardCharsets.US_ASCII);
		long first = now - DRIFT_STEPS;
		String[] window = this.generator.codes(key, first, 2 * DRIFT_STEPS + 1);
		long match = Long.MIN_VALUE;
		for (int i = 0; i < window.length; i++) {
			if (MessageDigest.isEqual(window[i].getBytes(StandardCharsets.US_ASCII), typed)) {
				match = first + i;
			}
		}
		return (match == Long.MIN_VALUE) ? OptionalLong.empty() : OptionalLong.of(match);
	}

}
