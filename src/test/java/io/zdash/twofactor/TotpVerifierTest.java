package io.zdash.twofactor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import io.zdash.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Window edge cases on a fixed clock: one step of drift either side, no more. */
class TotpVerifierTest {

	private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final TotpGenerator TOTP = TotpGenerator.AUTHENTICATOR_APPS;

	/** 1111111111 s is 37037037 steps and 1 s: close to a step boundary. */
	private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1111111111));

	private final TotpVerifier verifier = new TotpVerifier(TOTP, this.clock);

	private final long now = TOTP.timeStep(this.clock.instant());

	@ParameterizedTest
	@ValueSource(longs = { -1, 0, 1 })
	void whenCodeWithinOneStepThenItsStepIsReturned(long offset) {
		assertThat(this.verifier.matchingStep(KEY, codeAt(this.now + offset))).hasValue(this.now + offset);
	}

	@ParameterizedTest
	@ValueSource(longs = { -20, -6, -2 })
	void whenARefusedCodeIsOfAStepUpToTenMinutesBackThenTheDriftIsThatFar(long offset) {
		assertThat(this.verifier.matchingStep(KEY, codeAt(this.now + offset))).as("never accepted").isEmpty();
		assertThat(this.verifier.driftOf(KEY, codeAt(this.now + offset))).hasValue(offset);
	}

	/** A future step's code would be accepted in its time: naming it would tell a guesser to resend it. */
	@ParameterizedTest
	@ValueSource(longs = { -21, -1, 0, 1, 2, 7, 20, 21, 100 })
	void whenTheCodeIsInTheWindowOrBeyondTenMinutesThenNoDriftIsDiagnosed(long offset) {
		assertThat(this.verifier.driftOf(KEY, codeAt(this.now + offset))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(longs = { -3, -2, 2, 3 })
	void whenCodeTwoOrMoreStepsAwayThenRefused(long offset) {
		assertThat(this.verifier.matchingStep(KEY, codeAt(this.now + offset))).isEmpty();
	}

	@Test
	void whenClockCrossesAStepBoundaryThenTheWindowMovesWithIt() {
		OneTimeCode old = codeAt(this.now - 1);
		this.clock.set(Instant.ofEpochSecond((this.now + 1) * 30)); // first second of the next step
		assertThat(this.verifier.matchingStep(KEY, old)).isEmpty();
		assertThat(this.verifier.matchingStep(KEY, codeAt(this.now))).hasValue(this.now);
		this.clock.set(Instant.ofEpochSecond((this.now + 1) * 30 - 1)); // last second of the current step
		assertThat(this.verifier.matchingStep(KEY, old)).hasValue(this.now - 1);
	}

	@Test
	void whenCodeIsWrongThenRefused() {
		String right = TOTP.code(KEY, this.now);
		String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
		OptionalLong step = this.verifier.matchingStep(KEY, new OneTimeCode(wrong));
		assertThat(step).isEmpty();
	}

	private OneTimeCode codeAt(long step) {
		return new OneTimeCode(TOTP.code(KEY, step));
	}

}
