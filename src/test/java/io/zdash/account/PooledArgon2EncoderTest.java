package io.zdash.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Interchangeable with Spring Security's Argon2PasswordEncoder, hash for hash, both ways. */
class PooledArgon2EncoderTest {

	private static final String PASSWORD = "correct horse battery staple ✓ ção";

	private final PooledArgon2Encoder pooled = new PooledArgon2Encoder(19456, 2, 2);

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

	@Test
	void whenSpringHashedThenPooledMatchesOnlyTheRightPassword() {
		String hash = this.spring.encode(PASSWORD);
		assertThat(this.pooled.matches(PASSWORD, hash)).isTrue();
		assertThat(this.pooled.matches(PASSWORD + " ", hash)).isFalse();
	}

	@Test
	void whenPooledHashedThenSpringMatchesOnlyTheRightPassword() {
		String hash = this.pooled.encode(PASSWORD);
		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.spring.matches(PASSWORD, hash)).isTrue();
		assertThat(this.spring.matches("another password", hash)).isFalse();
		assertThat(this.pooled.encode(PASSWORD)).as("a fresh salt each time").isNotEqualTo(hash);
	}

	@Test
	void whenSpringsOlderDefaultsThenMatchedAndMarkedForUpgrade() {
		String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
		assertThat(this.pooled.matches(PASSWORD, old)).isTrue();
		assertThat(this.pooled.upgradeEncoding(old)).isTrue();
		assertThat(this.pooled.upgradeEncoding(this.pooled.encode(PASSWORD))).isFalse();
	}

	@Test
	void whenStoredWithoutVersionThenReadAsSpringReadsIt() {
		String hash = this.spring.encode(PASSWORD).replace("$v=19", "");
		assertThat(this.spring.matches(PASSWORD, hash)).isTrue();
		assertThat(this.pooled.matches(PASSWORD, hash)).isTrue();
	}

	@Test
	void whenManyHashesShareThePoolAtOnceThenEachIsStillRight() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				String password = PASSWORD + i;
				results.add(threads.submit(() -> this.spring.matches(password, this.pooled.encode(password))
						&& !this.pooled.matches(password + "x", this.pooled.encode(password))));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "$argon2id$v=19$m=19456,t=2,p=1$", "$argon2id$v=19$m=19456,t=2,p=1$!!$!!",
			"$argon2x$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g", "$argon2id$v=19$m=1,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
			"$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aA",
			"$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
			// Tampered costs: more memory than the node would give, more than Bouncy Castle allows,
			// endless passes, absurd lanes, an unknown version.
			"$argon2id$v=19$m=1048576,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
			"$argon2id$v=19$m=16777216,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
			"$argon2id$v=19$m=19456,t=2000000000,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
			"$argon2id$v=19$m=19456,t=2,p=536870912$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
			"$argon2id$v=17$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g" })
	void whenStoredHashIsMalformedThenNoMatchAndNoError(String stored) {
		assertThat(this.pooled.matches(PASSWORD, stored)).isFalse();
		assertThat(this.pooled.upgradeEncoding(stored)).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "1, 160, 1", "2, 160, 1", "8, 160, 4", "8, 512, 7", "64, 256, 9", "64, 64, 1" })
	void whenDefaultSlotsThenOnePerCoreButOneAndNoMoreThanTheHeapHolds(int cores, long heapMib, int slots) {
		assertThat(PasswordHashingConfig.defaultSlots(cores, heapMib * 1024 * 1024)).isEqualTo(slots);
	}

}
