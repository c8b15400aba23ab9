package io.zdash.twofactor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What checking a typed TOTP code costs, against what it must cost at least. The verifier tries
 * the ±1 step window, so its floor is three HMAC-SHA1s over an 8-byte counter with a 20-byte key;
 * the baselines show how much of the verifier's time is that floor and how much is creating and
 * keying a {@link Mac}, formatting digits and comparing.
 * <ul>
 * <li>{@code verifierWrongCode}: the worst case, no step matches; all three codes are computed
 * (they always are, for constant time, so {@code verifierRightCode} should be the same).</li>
 * <li>{@code hmacNewMacEach}: three times getInstance + init + doFinal, as the generator once did
 * for a window.</li>
 * <li>{@code hmacNewMacOnce}: one getInstance + init per check, then three doFinal, as
 * {@link TotpGenerator#codes} does now: the cheapest a thread-safe verifier without per-thread state
 * could be.</li>
 * <li>{@code hmacReusedMac}: one initialized Mac kept across checks, three doFinal only: the pure
 * hashing cost.</li>
 * </ul>
 * Inputs are built once per trial and the clock is fixed, so only the check itself is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TotpVerifierBenchmark {

	/** The RFC 6238 test key: 20 bytes, the size enrollment issues. */
	private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private TotpVerifier verifier;

	private OneTimeCode rightCode;

	private OneTimeCode wrongCode;

	/** Fits no step within ten minutes: the drift search's worst case. */
	private OneTimeCode farCode;

	/** The three window counters as the 8-byte big-endian messages HOTP signs. */
	private byte[][] counters;

	private SecretKeySpec keySpec;

	private Mac reusedMac;

	@Setup
	public void setUp() throws GeneralSecurityException {
		TotpGenerator generator = TotpGenerator.AUTHENTICATOR_APPS;
		Clock clock = Clock.fixed(Instant.ofEpochSecond(1_111_111_111), ZoneOffset.UTC);
		this.verifier = new TotpVerifier(generator, clock);
		long now = generator.timeStep(clock.instant());
		this.rightCode = new OneTimeCode(generator.code(KEY, now));
		this.wrongCode = codeOutsideTheWindow(generator, now);
		this.farCode = codeOutsideTenMinutes(generator, now);
		this.counters = new byte[3][];
		for (int i = 0; i < 3; i++) {
			this.counters[i] = ByteBuffer.allocate(Long.BYTES).putLong(now - 1 + i).array();
		}
		this.keySpec = new SecretKeySpec(KEY, "RAW");
		this.reusedMac = Mac.getInstance("HmacSHA1");
		this.reusedMac.init(this.keySpec);
		// A benchmark of the wrong thing is worse than none: check the inputs do what their names say.
		if (this.verifier.matchingStep(KEY, this.rightCode).isEmpty()
				|| this.verifier.matchingStep(KEY, this.wrongCode).isPresent()
				|| this.verifier.driftOf(KEY, this.farCode).isPresent()) {
			throw new IllegalStateException("Right and wrong codes are not what they claim");
		}
	}

	private static OneTimeCode codeOutsideTenMinutes(TotpGenerator generator, long now) {
		java.util.Set<String> near = new java.util.HashSet<>(java.util.Arrays.asList(generator.codes(KEY, now - 20, 41)));
		int candidate = 0;
		while (near.contains(String.format("%06d", candidate))) {
			candidate++;
		}
		return new OneTimeCode(String.format("%06d", candidate));
	}

	private static OneTimeCode codeOutsideTheWindow(TotpGenerator generator, long now) {
		int candidate = Integer.parseInt(generator.code(KEY, now));
		while (true) {
			candidate = (candidate + 1) % 1_000_000;
			String digits = String.format("%06d", candidate);
			if (!digits.equals(generator.code(KEY, now - 1)) && !digits.equals(generator.code(KEY, now))
					&& !digits.equals(generator.code(KEY, now + 1))) {
				return new OneTimeCode(digits);
			}
		}
	}

	@Benchmark
	public OptionalLong verifierWrongCode() {
		return this.verifier.matchingStep(KEY, this.wrongCode);
	}

	/**
	 * The clock-drift diagnosis run after a refused code: 41 HMACs (±10 minutes) with one keyed Mac;
	 * a wrong code that fits no step there is its worst case (all 41 compared).
	 */
	@Benchmark
	public OptionalLong driftSearchWrongCode() {
		return this.verifier.driftOf(KEY, this.farCode);
	}

	@Benchmark
	public OptionalLong verifierRightCode() {
		return this.verifier.matchingStep(KEY, this.rightCode);
	}

	@Benchmark
	public void hmacNewMacEach(Blackhole blackhole) throws GeneralSecurityException {
		for (byte[] counter : this.counters) {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(this.keySpec);
			blackhole.consume(mac.doFinal(counter));
		}
	}

	@Benchmark
	public void hmacNewMacOnce(Blackhole blackhole) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(this.keySpec);
		for (byte[] counter : this.counters) {
			// doFinal resets the Mac to its initialized state, ready for the next counter.
			blackhole.consume(mac.doFinal(counter));
		}
	}

	@Benchmark
	public void hmacReusedMac(Blackhole blackhole) {
		for (byte[] counter : this.counters) {
			blackhole.consume(this.reusedMac.doFinal(counter));
		}
	}

}
