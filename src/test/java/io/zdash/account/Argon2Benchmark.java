package io.zdash.account;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Why the app hashes with {@link PooledArgon2Encoder} rather than Spring's Argon2PasswordEncoder:
 * one Argon2id hash (m=19456 KiB, t=2, p=1) each, in a JVM with the heap and collector docs/operations.md
 * recommends for a node. Spring's encoder allocates 19 MiB per hash that stays live for the whole
 * hash, which a small heap pays for in copying; the pooled one reuses the blocks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "-XX:+UseSerialGC", "-Xmx160m" })
@Threads(1)
public class Argon2Benchmark {

	private static final String PASSWORD = "correct horse battery staple";

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

	private final PooledArgon2Encoder pooled = new PooledArgon2Encoder(19456, 2, 1);

	@Benchmark
	public String spring() {
		return this.spring.encode(PASSWORD);
	}

	@Benchmark
	public String pooled() {
		return this.pooled.encode(PASSWORD);
	}

}
