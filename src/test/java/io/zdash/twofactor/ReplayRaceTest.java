package io.zdash.twofactor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.ServerTest;
import io.zdash.SubmissionRace;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay under a race: fifty half-signed-in sessions submit the same valid code (or recovery code)
 * at the same instant against the running server. Exactly one may get in.
 */
@ServerTest
class ReplayRaceTest {

	static final int PARALLEL = 50;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		this.clock.set(Instant.now());
	}

	@Test
	void whenFiftySessionsSubmitOneCodeAtOnceThenExactlyOneSucceeds() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = enrolledAccount(email);
		this.clock.advance(java.time.Duration.ofSeconds(30));
		String code = HttpJourney.code(enrolled.secret(), this.clock);
		assertThat(race(email, "/login/totp", code)).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from security_event e join account a on a.id = e.account_id "
				+ "where a.email = ? and e.type = 'CODE_REPLAY_REFUSED'").param(email).query(Long.class).single())
			.as("replays are recorded (after five, the rest are throttled without being checked)")
			.isBetween(1L, (long) PARALLEL - 1);
	}

	@Test
	void whenFiftySessionsSubmitOneRecoveryCodeAtOnceThenExactlyOneSucceeds() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = enrolledAccount(email);
		assertThat(race(email, "/login/recovery", enrolled.recoveryCodes().get(0))).isEqualTo(1);
	}

	/** @return how many of the parallel submissions got the person in */
	int race(String email, String action, String code) throws Exception {
		List<HttpJourney> browsers = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < PARALLEL; i++) {
			HttpJourney browser = new HttpJourney(this.port);
			browser.signIn(email);
			tokens.add(browser.csrfFrom(action));
			browsers.add(browser);
		}
		// The failure counter would throttle after 5 failures: the race is about single use, so lift it.
		this.jdbc.sql("delete from attempt_gate where kind = 'SECOND_FACTOR'").update();
		return SubmissionRace.signedIn(browsers, tokens, action, code);
	}

	private Enrolled enrolledAccount(String email) throws Exception {
		HttpJourney owner = new HttpJourney(this.port);
		owner.signUp(email);
		owner.signIn(email);
		return owner.enableTwoFactor(this.clock);
	}

}
