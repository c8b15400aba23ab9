package io.zdash.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.ServerTest;
import io.zdash.SubmissionRace;
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
		// Ten browsers on the sign-in page, each about to send a different wrong password.
		List<Callable<HttpResponse<String>>> guesses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			HttpJourney guesser = new HttpJourney(this.port);
			String token = guesser.csrfFrom("/login");
			String guess = "wrong guess number " + i;
			guesses.add(() -> guesser.post("/login", token, "email", email, "password", guess));
		}
		// Five failures behind it, and the wait just over.
		this.jdbc.sql("""
				insert into attempt_gate (kind, gate_key, failures, locked_until, last_failure_at)
				values ('PASSWORD', ?, 5, ?, ?)""")
			.params(io.zdash.support.Sha256.hex(email), SqlTime.utc(this.clock.instant().minusSeconds(1)),
					SqlTime.utc(this.clock.instant()))
			.update();
		long failedBefore = failedChecks();

		int throttled = 0;
		for (HttpResponse<String> answer : SubmissionRace.atOnce(guesses)) {
			if (answer.statusCode() == 429) {
				throttled++;
			}
		}
		assertThat(throttled).isEqualTo(10);
		assertThat(failedChecks() - failedBefore).as("passwords actually compared").isEqualTo(1);
	}

	private long failedChecks() {
		return this.jdbc.sql("select count(*) from security_event where type = 'SIGN_IN_PASSWORD_FAILED'")
			.query(Long.class).single();
	}

}
