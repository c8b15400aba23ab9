package io.zdash.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.zdash.HttpJourney;
import io.zdash.ServerTest;
import io.zdash.SubmissionRace;
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
		// Each person signed up, on the sign-in page with its form token, about to press the button.
		List<Callable<HttpResponse<String>>> signIns = new ArrayList<>();
		for (int i = 0; i < storm; i++) {
			String email = WebJourney.uniqueEmail();
			HttpJourney person = new HttpJourney(this.port);
			person.signUp(email);
			String token = person.csrfFrom("/login");
			signIns.add(() -> person.post("/login", token, "email", email, "password", WebJourney.PASSWORD));
		}
		int signedIn = 0;
		int busy = 0;
		for (HttpResponse<String> response : SubmissionRace.atOnce(signIns)) {
			assertThat(response.statusCode()).isIn(302, 503);
			if (response.statusCode() == 503) {
				busy++;
				assertThat(response.headers().firstValue("Retry-After")).isPresent();
			}
			else {
				signedIn++;
			}
		}
		assertThat(busy).as("the queue overflowed").isPositive();
		assertThat(signedIn).as("and the node kept signing people in").isPositive();
	}

}
