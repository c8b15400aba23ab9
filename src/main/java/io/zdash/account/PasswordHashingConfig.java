package io.zdash.account;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet parameters (m = 19456 KiB, t = 2, p = 1);
 * Spring's built-in defaults are weaker. Hashes are prefixed with an id naming the parameters, so a
 * later release can raise them: a hash with an older id is re-hashed at its owner's next sign-in.
 * Hashing is bounded and timed by {@link BoundedPasswordEncoder}, and reuses its memory
 * ({@link PooledArgon2Encoder}).
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfig {

	static final String CURRENT_ID = "argon2id-m19456-t2-p1";

	private static final Logger log = LoggerFactory.getLogger(PasswordHashingConfig.class);

	private static final long MIB = 1024 * 1024;

	@Bean
	PasswordEncoder passwordEncoder(MeterRegistry meters,
			@Value("${zdash.hashing.concurrency:0}") int concurrency,
			@Value("${zdash.hashing.queue-timeout:5s}") Duration queueTimeout) {
		int permits = (concurrency > 0) ? concurrency
				: defaultSlots(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
		log.info("Password hashing: at most {} Argon2id hashes at once", permits);
		PasswordEncoder owasp = new PooledArgon2Encoder(19456, 2, permits);
		// Spring's format throughout, so hashes of its Argon2PasswordEncoder (the "argon2" id) still match.
		PasswordEncoder delegating = new DelegatingPasswordEncoder(CURRENT_ID, Map.of(CURRENT_ID, owasp, "argon2", owasp));
		return new BoundedPasswordEncoder(delegating, permits, queueTimeout, meters);
	}

	/**
	 * One slot per core but one: the last core is left to everything else (requests, database,
	 * collector) — on two cores that kept the whole flow's rate and cut the code step's p99 fivefold
	 * (BENCHMARKS.md). And no more slots than the heap holds: each hash keeps 19 MiB, the rest of the
	 * app needs about 64 MiB, so a many-core host with a small heap is not run out of memory by a storm.
	 */
	static int defaultSlots(int cores, long maxHeapBytes) {
		long byHeap = (maxHeapBytes - 64 * MIB) / (20 * MIB);
		return (int) Math.max(1, Math.min(cores - 1, byHeap));
	}

}
