package io.zdash.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.zdash.support.Base32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What checking a typed recovery code costs without the database. {@link RecoveryCodes#consume}
 * parses the code, then hashes it with the salt of every unused stored code and compares in
 * constant time, so its CPU cost is ten salted SHA-256s however many match.
 * <ul>
 * <li>{@code hashOne}: one {@link RecoveryCode#hash} with a 16-byte salt, the unit cost.</li>
 * <li>{@code checkAgainstTen}: parse + {@code consume}'s comparison
 * ({@link RecoveryCodes#matchingId}) over a full set of ten stored codes.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecoveryCodeBenchmark {

	/** The salt size {@link RecoveryCodes} stores. */
	private static final int SALT_BYTES = 16;

	private List<RecoveryCodeRepository.StoredCode> stored;

	private RecoveryCode code;

	/** How a person types it: lower case, with the dashes of the printed sheet. */
	private String typed;

	private byte[] salt;

	@Setup
	public void setUp() {
		// Fixed seed: the same inputs every run, so runs are comparable.
		Random random = new Random(42);
		this.stored = new ArrayList<>(RecoveryCodes.COUNT);
		RecoveryCode last = null;
		for (int i = 0; i < RecoveryCodes.COUNT; i++) {
			byte[] bytes = new byte[RecoveryCode.RANDOM_BYTES];
			random.nextBytes(bytes);
			last = new RecoveryCode(Base32.encode(bytes));
			byte[] storedSalt = new byte[SALT_BYTES];
			random.nextBytes(storedSalt);
			this.stored.add(new RecoveryCodeRepository.StoredCode(i, storedSalt, last.hash(storedSalt)));
		}
		this.code = last;
		this.salt = this.stored.get(0).salt();
		this.typed = last.grouped().toLowerCase(Locale.ROOT);
		if (!Long.valueOf(RecoveryCodes.COUNT - 1L).equals(checkAgainstTen())) {
			throw new IllegalStateException("The typed code should match the last stored one");
		}
	}

	@Benchmark
	public String hashOne() {
		return this.code.hash(this.salt);
	}

	/** @return the id of the matching stored code */
	@Benchmark
	public Long checkAgainstTen() {
		return RecoveryCodes.matchingId(RecoveryCode.parse(this.typed).orElseThrow(), this.stored);
	}

}
