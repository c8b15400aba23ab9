package io.zdash.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * Finds which time step a typed code belongs to, allowing one step of clock drift either side
 * (RFC 6238 section 5.2). It only answers "which step"; refusing replays is the job of the
 * caller's atomic database update, so that it holds across threads and nodes. For a refused code it
 * can also tell whether the phone's clock seems off (up to 10 minutes), to say so on the page.
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
	 * For a code already refused: whether it is the code of a step up to 10 minutes away (outside the
	 * accepted window), as when the phone's clock is off. Only a diagnosis, never an acceptance: the
	 * caller has counted the failure, and a match here is not recorded as a used step. One keyed Mac,
	 * 41 HMACs, all compared in constant time.
	 * @return how many steps ahead (positive) or behind (negative) the phone seems to be, the nearest
	 * match if several, or empty
	 */
	OptionalLong driftOf(byte[] key, OneTimeCode code) {
		long now = this.generator.timeStep(this.clock.instant());
		byte[] typed = code.digits().getBytes(StandardCharsets.US_ASCII);
		String[] around = this.generator.codes(key, now - DIAGNOSED_STEPS, 2 * DIAGNOSED_STEPS + 1);
		long nearest = Long.MAX_VALUE;
		for (int i = 0; i < around.length; i++) {
			long offset = i - DIAGNOSED_STEPS;
			boolean equal = MessageDigest.isEqual(around[i].getBytes(StandardCharsets.US_ASCII), typed);
			if (equal && Math.abs(offset) > DRIFT_STEPS && Math.abs(offset) < Math.abs(nearest)) {
				nearest = offset;
			}
		}
		return (nearest == Long.MAX_VALUE) ? OptionalLong.empty() : OptionalLong.of(nearest);
	}

}
