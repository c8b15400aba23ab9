package io.zdash.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.zdash.HttpJourney;
import io.zdash.ServerTest;
import io.zdash.WebJourney;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-in storm against a node allowed one Argon2 hash at a time and a short queue: the overflow
 * is told to come back (503 with Retry-After) instead of piling up memory, and nothing else fails.
 */
@ServerTest
@TestPropertySource(properties = { "zdash.hashing.concurrency=1", "zdash.hashing.queue-timeout=100ms" })
class HashingStormTest {

	@LocalServerPort
	int port;

	@Test
	void whenManySignInsArriveAtOnceThenTheOverflowGets503AndTheRestSignIn() throws Exception {
		int storm = 40;
		List<HttpJourney> people = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		List<String> emails = new ArrayList<>();
		for (int i = 0; i < storm; i++) {
			String email = WebJourney.uniqueEmail();
			HttpJourney person = new HttpJourney(this.port);
			person.signUp(email);
			tokens.add(person.csrfFrom("/login"));
			people.add(person);
			emails.add(email);
		}
		ExecutorService pool = Executors.newFixedThreadPool(storm);
		int signedIn = 0;
		int busy = 0;
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < storm; i++) {
				HttpJourney person = people.get(i);
				String token = tokens.get(i);
				String email = emails.get(i);
				answers.add(pool.submit(() -> {
					start.await();
					return person.post("/login", token, "email", email, "password", WebJourney.PASSWORD);
				}));
			}
			start.countDown();
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get();
				assertThat(response.statusCode()).isIn(302, 503);
				if (response.statusCode() == 503) {
					busy++;
					assertThat(response.headers().firstValue("Retry-After")).isPresent();
				}
				else {
					signedIn++;
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(busy).as("the queue overflowed").isPositive();
		assertThat(signedIn).as("and the node kept signing people in").isPositive();
	}

}
