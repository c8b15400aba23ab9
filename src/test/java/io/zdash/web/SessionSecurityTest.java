package io.zdash.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.ServerTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions against the running server: ids rotate, old ids die, cookies are locked down, lifetimes hold. */
@ServerTest
class SessionSecurityTest {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	String email;

	@BeforeEach
	void setUp() {
		this.clock.set(Instant.now());
		this.email = WebJourney.uniqueEmail();
	}

	@Test
	void whenSignedInThenSessionIdChangesAtEachStepAndEarlierIdsAreDead() throws Exception {
		HttpJourney owner = new HttpJourney(this.port);
		owner.signUp(this.email);
		owner.signIn(this.email);
		Enrolled enrolled = owner.enableTwoFactor(this.clock);

		HttpJourney person = new HttpJourney(this.port);
		person.csrfFrom("/login");
		String beforePassword = person.sessionId();
		person.signIn(this.email);
		String afterPassword = person.sessionId();
		this.clock.advance(Duration.ofSeconds(30));
		person.submit("/login/totp", "/login/totp", "code", HttpJourney.code(enrolled.secret(), this.clock));
		String afterCode = person.sessionId();
		assertThat(person.get("/").statusCode()).isEqualTo(200);

		assertThat(beforePassword).isNotNull().isNotEqualTo(afterPassword);
		assertThat(afterPassword).isNotEqualTo(afterCode);
		for (String dead : new String[] { beforePassword, afterPassword }) {
			HttpJourney attacker = new HttpJourney(this.port);
			attacker.useSessionId(dead);
			HttpResponse<String> answer = attacker.get("/");
			assertThat(answer.statusCode()).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/login");
		}
	}

	@Test
	void whenSessionCookieSetThenHttpOnlyAndSameSiteLax() throws Exception {
		HttpJourney person = new HttpJourney(this.port);
		HttpResponse<String> page = person.get("/login");
		String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst()
			.orElseThrow();
		assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
		assertThat(page.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
	}

	@Test
	void whenTwoFactorTurnedOnThenOtherSessionsAreSignedOut() throws Exception {
		HttpJourney laptop = new HttpJourney(this.port);
		laptop.signUp(this.email);
		laptop.signIn(this.email);
		HttpJourney phone = new HttpJourney(this.port);
		phone.signIn(this.email);
		assertThat(phone.get("/").statusCode()).isEqualTo(200);

		laptop.enableTwoFactor(this.clock);

		assertThat(laptop.get("/").statusCode()).as("the session that made the change stays").isEqualTo(200);
		HttpResponse<String> other = phone.get("/");
		assertThat(other.statusCode()).isEqualTo(302);
		assertThat(other.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	@Test
	void whenSessionOlderThanItsAbsoluteLifetimeThenSignedOutHoweverActive() throws Exception {
		HttpJourney person = new HttpJourney(this.port);
		person.signUp(this.email);
		person.signIn(this.email);
		assertThat(person.get("/").statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofHours(12).plusMinutes(1));
		assertThat(person.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void whenSignedOutThenTheOldIdIsDeadOnTheServer() throws Exception {
		HttpJourney person = new HttpJourney(this.port);
		person.signUp(this.email);
		person.signIn(this.email);
		String id = person.sessionId();
		String csrf = person.csrfFrom("/");
		person.post("/logout", csrf);
		HttpJourney replay = new HttpJourney(this.port);
		replay.useSessionId(id);
		assertThat(replay.get("/").statusCode()).isEqualTo(302);
	}

}
