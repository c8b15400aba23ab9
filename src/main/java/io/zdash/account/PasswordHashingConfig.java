package io.zdash.account;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

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

	@Bean
	PasswordEncoder passwordEncoder(MeterRegistry meters,
			@Value("${zdash.hashing.concurrency:0}") int concurrency,
			@Value("${zdash.hashing.queue-timeout:5s}") Duration queueTimeout) {
		// By default one core is left to everything else (requests, database, collector): on two cores
		// that kept the whole flow's rate and cut the code step's p99 fivefold (BENCHMARKS.md).
		int permits = (concurrency > 0) ? concurrency : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
		PasswordEncoder owasp = new PooledArgon2Encoder(19456, 2, permits);
		// Spring's format throughout, so hashes of its Argon2PasswordEncoder (the "argon2" id) still match.
		PasswordEncoder delegating = new DelegatingPasswordEncoder(CURRENT_ID, Map.of(CURRENT_ID, owasp, "argon2", owasp));
		return new BoundedPasswordEncoder(delegating, permits, queueTimeout, meters);
	}

}
