package io.zdash.twofactor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.zdash.twofactor.TotpGenerator.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The specifications' own test vectors. */
class TotpGeneratorTest {

	private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SEED_SHA512 = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	/** RFC 4226 Appendix D. */
	@ParameterizedTest
	@CsvSource({ "0,755224", "1,287082", "2,359152", "3,969429", "4,338314", "5,254676", "6,287922", "7,162583",
			"8,399871", "9,520489" })
	void whenRfc4226CounterThenHotpMatchesAppendixD(long counter, String expected) {
		assertThat(TotpGenerator.AUTHENTICATOR_APPS.code(SEED_SHA1, counter)).isEqualTo(expected);
	}

	/** One keyed Mac reused for a window gives the same codes as a fresh one for each. */
	@Test
	void whenCodesOfConsecutiveCountersThenAppendixDInOrder() {
		assertThat(TotpGenerator.AUTHENTICATOR_APPS.codes(SEED_SHA1, 3, 4))
			.containsExactly("969429", "338314", "254676", "287922");
	}

	/** RFC 6238 Appendix B: 8 digits, 30 s steps, each algorithm with its own seed length. */
	@ParameterizedTest
	@CsvSource({ "59,94287082,46119246,90693936", "1111111109,07081804,68084774,25091201",
			"1111111111,14050471,67062674,99943326", "1234567890,89005924,91819424,93441116",
			"2000000000,69279037,90698825,38618901", "20000000000,65353130,77737706,47863826" })
	void whenRfc6238TimeThenTotpMatchesAppendixB(long seconds, String sha1, String sha256, String sha512) {
		Instant time = Instant.ofEpochSecond(seconds);
		assertThat(code(Algorithm.SHA1, SEED_SHA1, time)).isEqualTo(sha1);
		assertThat(code(Algorithm.SHA256, SEED_SHA256, time)).isEqualTo(sha256);
		assertThat(code(Algorithm.SHA512, SEED_SHA512, time)).isEqualTo(sha512);
	}

	private static String code(Algorithm algorithm, byte[] seed, Instant time) {
		TotpGenerator generator = new TotpGenerator(algorithm, 8, Duration.ofSeconds(30));
		return generator.code(seed, generator.timeStep(time));
	}

}
