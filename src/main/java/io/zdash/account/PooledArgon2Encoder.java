package io.zdash.account;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id in exactly the format of Spring Security's {@code Argon2PasswordEncoder}
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, Base64 without padding), computed by Bouncy
 * Castle as Spring does, with one difference: the 1 KiB memory blocks come from one shared pool
 * instead of being allocated afresh. Otherwise every hash allocates 19 MiB that stays live for its
 * whole run, and on a heap sized for a small node the collector copies it again and again — measured
 * on the recommended 160 MiB serial heap: 29 ms per hash pooled, 36 ms unpooled ({@code
 * Argon2Benchmark}, BENCHMARKS.md). The pool keeps the blocks of at most
 * {@code concurrent} hashes (about 19 MiB each); {@link BoundedPasswordEncoder} keeps that many running.
 * Thread-safe: a generator per call, the pool synchronizes.
 */
final class PooledArgon2Encoder implements PasswordEncoder {

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final int memoryKib;

	private final int iterations;

	private final Argon2BytesGenerator.BlockPool pool;

	PooledArgon2Encoder(int memoryKib, int iterations, int concurrent) {
		this.memoryKib = memoryKib;
		this.iterations = iterations;
		this.pool = new Argon2BytesGenerator.FixedBlockPool(
				concurrent * Argon2BytesGenerator.getBlockCount(memoryKib, 1));
	}

	@Override
	public String encode(CharSequence rawPassword) {
		byte[] salt = new byte[SALT_BYTES];
		this.random.nextBytes(salt);
		Argon2Parameters parameters = parameters(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13,
				this.memoryKib, this.iterations, 1, salt);
		return "$argon2id$v=19$m=" + this.memoryKib + ",t=" + this.iterations + ",p=1$" + BASE64.encodeToString(salt)
				+ "$" + BASE64.encodeToString(hash(rawPassword, parameters, HASH_BYTES));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		Stored stored = Stored.parse(encodedPassword);
		// A stored hash asking for far more memory than ours can only come from tampering: it could
		// take the node's heap (or, with a huge t, a hashing slot for good). A mismatch, not an error.
		if (rawPassword == null || stored == null || stored.memoryKib() > 4 * this.memoryKib) {
			return false;
		}
		try {
			Argon2Parameters parameters = parameters(stored.type(), stored.version(), stored.memoryKib(),
					stored.iterations(), stored.parallelism(), stored.salt());
			return MessageDigest.isEqual(stored.hash(), hash(rawPassword, parameters, stored.hash().length));
		}
		catch (IllegalArgumentException | UnsupportedOperationException ex) {
			return false;
		}
	}

	/** Weaker stored parameters are re-hashed at the next sign-in, as Spring's encoder does. */
	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		Stored stored = Stored.parse(encodedPassword);
		return stored != null && (stored.memoryKib() < this.memoryKib || stored.iterations() < this.iterations);
	}

	private Argon2Parameters parameters(int type, int version, int memory, int passes, int lanes, byte[] salt) {
		return new Argon2Parameters.Builder(type).withVersion(version)
			.withMemoryAsKB(memory)
			.withIterations(passes)
			.withParallelism(lanes)
			.withSalt(salt)
			.withBlockPool(this.pool)
			.build();
	}

	private static byte[] hash(CharSequence rawPassword, Argon2Parameters parameters, int length) {
		byte[] hash = new byte[length];
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		generator.generateBytes(rawPassword.toString().toCharArray(), hash);
		return hash;
	}

	/** A stored hash: {@code $type[$v=version]$m=…,t=…,p=…$salt$hash}; null when malformed. */
	record Stored(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

		static Stored parse(String encoded) {
			if (encoded == null) {
				return null;
			}
			String[] parts = encoded.split("\\$");
			try {
				int type = switch ((parts.length > 1) ? parts[1] : "") {
					case "argon2id" -> Argon2Parameters.ARGON2_id;
					case "argon2i" -> Argon2Parameters.ARGON2_i;
					case "argon2d" -> Argon2Parameters.ARGON2_d;
					default -> -1;
				};
				boolean versioned = parts.length == 6 && parts[2].startsWith("v=");
				if (type < 0 || parts.length != (versioned ? 6 : 5) || !parts[0].isEmpty()) {
					return null;
				}
				// Without "v=", Spring's decoder keeps Bouncy Castle's default: 0x13.
				int version = versioned ? Integer.parseInt(parts[2].substring(2)) : Argon2Parameters.ARGON2_VERSION_13;
				String[] costs = parts[versioned ? 3 : 2].split(",");
				if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=")
						|| !costs[2].startsWith("p=")) {
					return null;
				}
				Base64.Decoder base64 = Base64.getDecoder();
				Stored stored = new Stored(type, version, Integer.parseInt(costs[0].substring(2)),
						Integer.parseInt(costs[1].substring(2)), Integer.parseInt(costs[2].substring(2)),
						base64.decode(parts[parts.length - 2]), base64.decode(parts[parts.length - 1]));
				// Bounds of sane stored hashes, inside what Bouncy Castle accepts: anything else is a
				// mismatch, not an exception.
				boolean usable = (version == Argon2Parameters.ARGON2_VERSION_10
						|| version == Argon2Parameters.ARGON2_VERSION_13) && between(stored.hash().length, 4, 64)
						&& between(stored.salt().length, 8, 64) && between(stored.iterations(), 1, 16)
						&& between(stored.parallelism(), 1, 16) && between(stored.memoryKib(), 8 * stored.parallelism(), 1 << 22);
				return usable ? stored : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		private static boolean between(int value, int min, int max) {
			return value >= min && value <= max;
		}

	}

}
