package io.zdash.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * Finds which time step a typed code belongs to, allowing one step of clock drift either side
 * (RFC 6238 section 5.2). It only answers "which step"; refusing replays is the job of the
 * caller's atomic database update, so that it holds across threads and nodes. For a refused code it
 * can also tell whether the phone's clock seems behind (up to 10 minutes), to say so on the page.
 */
final class TotpVerifier {

	static final int DRIFT_STEPS = 1;

	/** How far a phone's clock may be off for a wrong code to be recognised as its (10 minutes). */
	static final int DIAGNOSED_STEPS = 20;

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

	/**
	 * For a code already refused: whether it is the code of an earlier step, up to 10 minutes back
	 * (before the accepted window), as when the phone's clock is behind. Only the past: such a code
	 * can never be accepted any more, while a future step's code would be when its time comes, so
	 * naming it would help a guesser. A diagnosis, never an acceptance. One keyed Mac, 20 HMACs,
	 * all compared in constant time.
	 * @return how many steps behind the phone seems to be (negative), the nearest match, or empty
	 */
	OptionalLong driftOf(byte[] key, OneTimeCode code) {
		long now = this.generator.timeStep(this.clock.instant());
		byte[] typed = code.digits().getBytes(StandardCharsets.US_ASCII);
		// Steps now-20 … now-2: the ten minutes before the accepted window.
		String[] earlier = this.generator.codes(key, now - DIAGNOSED_STEPS, DIAGNOSED_STEPS - DRIFT_STEPS);
		long nearest = Long.MAX_VALUE;
		for (int i = 0; i < earlier.length; i++) {
			if (MessageDigest.isEqual(earlier[i].getBytes(StandardCharsets.US_ASCII), typed)) {
				nearest = i - DIAGNOSED_STEPS; // the later match wins: the nearest to now
			}
		}
		return (nearest == Long.MAX_VALUE) ? OptionalLong.empty() : OptionalLong.of(nearest);
	}

}
