package io.zdash.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.ServerTest;
import io.zdash.WebJourney;
import io.zdash.support.SqlTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a wait ends, parallel guesses do not all get checked: the first one through closes the gate
 * again before its password is even compared.
 */
@ServerTest
class ThrottleRaceTest {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenTenGuessesArriveAsTheWaitEndsThenOnlyOneIsChecked() throws Exception {
		this.clock.set(Instant.now());
		String email = WebJourney.uniqueEmail();
		HttpJourney owner = new HttpJourney(this.port);
		owner.signUp(email);
		List<HttpJourney> guessers = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			HttpJourney guesser = new HttpJourney(this.port);
			tokens.add(guesser.csrfFrom("/login"));
			guessers.add(guesser);
		}
		// Five failures behind it, and the wait just over.
		this.jdbc.sql("insert into password_throttle (email_key, failures, locked_until, last_failure_at) values (?, 5, ?, ?)")
			.params(io.zdash.support.Sha256.hex(email), SqlTime.utc(this.clock.instant().minusSeconds(1)),
					SqlTime.utc(this.clock.instant()))
			.update();
		long failedBefore = failedChecks();

		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				HttpJourney guesser = guessers.get(i);
				String token = tokens.get(i);
				String guess = "wrong guess number " + i;
				answers.add(pool.submit(() -> {
					start.await();
					return guesser.post("/login", token, "email", email, "password", guess);
				}));
			}
			start.countDown();
			int throttled = 0;
			for (Future<HttpResponse<String>> answer : answers) {
				if (answer.get().statusCode() == 429) {
					throttled++;
				}
			}
			assertThat(throttled).isEqualTo(10);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(failedChecks() - failedBefore).as("passwords actually compared").isEqualTo(1);
	}

	private long failedChecks() {
		return this.jdbc.sql("select count(*) from security_event where type = 'SIGN_IN_PASSWORD_FAILED'")
			.query(Long.class).single();
	}

}
