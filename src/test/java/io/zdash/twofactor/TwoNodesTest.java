package io.zdash.twofactor;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zdash.EmbeddedPostgresSupport;
import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.ServerTest;
import io.zdash.SubmissionRace;
import io.zdash.TestClockConfig;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.ZdashApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances sharing one PostgreSQL: a code accepted on one is refused on the other, and a
 * race spread over both still lets exactly one submission in.
 */
@ServerTest
class TwoNodesTest {

	static ConfigurableApplicationContext nodeB;

	@LocalServerPort
	int portA;

	@Autowired
	MutableClock clock;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

	@BeforeEach
	void startSecondNode() {
		this.clock.set(Instant.now());
		if (nodeB == null) {
			nodeB = new SpringApplicationBuilder(ZdashApplication.class, TestClockConfig.class)
				.profiles("test")
				.run("--server.port=0",
						"--spring.datasource.url=" + EmbeddedPostgresSupport.server().getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=");
		}
		nodeB.getBean(MutableClock.class).set(this.clock.instant());
	}

	@AfterAll
	static void stopSecondNode() {
		if (nodeB != null) {
			nodeB.close();
			nodeB = null;
		}
	}

	int portB() {
		return ((WebServerApplicationContext) nodeB).getWebServer().getPort();
	}

	@Test
	void whenCodeAcceptedOnNodeAThenRefusedOnNodeB() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = enroll(email);
		advanceBoth(Duration.ofSeconds(30));
		String code = HttpJourney.code(enrolled.secret(), this.clock);

		HttpJourney onA = new HttpJourney(this.portA);
		onA.signIn(email);
		assertThat(onA.submit("/login/totp", "/login/totp", "code", code).headers().firstValue("Location").orElse(""))
			.endsWith("/");

		HttpJourney onB = new HttpJourney(portB());
		onB.signIn(email);
		HttpResponse<String> replay = onB.submit("/login/totp", "/login/totp", "code", code);
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(onB.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void whenTwentySubmissionsSpreadOverBothNodesThenExactlyOneSucceeds() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = enroll(email);
		advanceBoth(Duration.ofSeconds(30));
		String code = HttpJourney.code(enrolled.secret(), this.clock);
		List<HttpJourney> browsers = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			HttpJourney browser = new HttpJourney((i % 2 == 0) ? this.portA : portB());
			browser.signIn(email);
			tokens.add(browser.csrfFrom("/login/totp"));
			browsers.add(browser);
		}
		assertThat(SubmissionRace.signedIn(browsers, tokens, "/login/totp", code)).isEqualTo(1);
	}

	@Test
	void whenPasswordStepOnNodeAAndWrongCodesOnBothThenOneCounter() throws Exception {
		String email = WebJourney.uniqueEmail();
		enroll(email);
		HttpJourney onA = new HttpJourney(this.portA);
		onA.signIn(email);
		HttpJourney onB = new HttpJourney(portB());
		onB.signIn(email);
		for (int i = 0; i < 2; i++) {
			onA.submit("/login/totp", "/login/totp", "code", "999999");
			onB.submit("/login/totp", "/login/totp", "code", "999998");
		}
		// 4 failures so far, two per node: the fifth, on either node, imposes the wait.
		HttpResponse<String> fifth = onA.submit("/login/totp", "/login/totp", "code", "999997");
		assertThat(fifth.statusCode()).isEqualTo(429);
	}

	private Enrolled enroll(String email) throws Exception {
		HttpJourney owner = new HttpJourney(this.portA);
		owner.signUp(email);
		owner.signIn(email);
		return owner.enableTwoFactor(this.clock);
	}

	private void advanceBoth(Duration duration) {
		this.clock.advance(duration);
		nodeB.getBean(MutableClock.class).set(this.clock.instant());
	}

}
