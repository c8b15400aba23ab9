package io.zdash.web;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.zdash.HttpJourney;
import io.zdash.ServerTest;
import io.zdash.WebJourney;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of the database does not sign anyone in: the session table holds only hashes of the
 * secrets the cookies carry, so no stored value works as a session cookie.
 */
@ServerTest
class StolenDatabaseTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenEveryValueOfTheSessionTableIsTriedAsTheCookieThenNoneSignsIn() throws Exception {
		String email = WebJourney.uniqueEmail();
		HttpJourney owner = new HttpJourney(this.port);
		owner.signUp(email);
		owner.signIn(email);
		assertThat(owner.get("/").statusCode()).as("the owner is signed in").isEqualTo(200);
		String cookie = owner.sessionId();
		String secret = new String(Base64.getDecoder().decode(cookie));

		List<String> stored = new ArrayList<>();
		for (Map<String, Object> row : this.jdbc.sql("select * from SPRING_SESSION").query().listOfRows()) {
			row.values().stream().filter(v -> v instanceof String).map(v -> ((String) v).strip()).forEach(stored::add);
		}
		assertThat(stored).isNotEmpty().doesNotContain(secret, cookie);
		for (String value : stored) {
			for (String asCookie : List.of(value, Base64.getEncoder().encodeToString(value.getBytes()))) {
				HttpJourney thief = new HttpJourney(this.port);
				thief.useSessionId(asCookie);
				assertThat(thief.get("/").statusCode()).as("cookie " + asCookie).isEqualTo(302);
			}
		}
		assertThat(owner.get("/").statusCode()).as("and the owner still is").isEqualTo(200);
	}

}
