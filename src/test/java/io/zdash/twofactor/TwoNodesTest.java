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
import io.zdash.passkey.TestAuthenticator;
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
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances sharing one PostgreSQL: a code accepted on one is refused on the other, and a
 * race spread over both still lets exactly one submission in.
 */
@ServerTest
@TestPropertySource(properties = "zdash.admin.email=" + TwoNodesTest.ADMIN)
class TwoNodesTest {

	static final String ADMIN = "nodes-admin@example.com";

	static ConfigurableApplicationContext nodeB;

	@LocalServerPort
	int portA;

	@Autowired
	MutableClock clock;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

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
						"--spring.datasource.username=postgres", "--spring.datasource.password=",
						"--zdash.admin.email=" + ADMIN);
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

	@Test
	void whenPasswordOnNodeAAndCodeOnNodeBThenTheDashboardOpensOnEither() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = enroll(email);
		advanceBoth(Duration.ofSeconds(30));
		HttpJourney browser = new HttpJourney(this.portA);
		browser.signIn(email);
		browser.on(portB());
		assertThat(browser.submit("/login/totp", "/login/totp", "code", HttpJourney.code(enrolled.secret(), this.clock))
			.headers().firstValue("Location").orElse("")).endsWith("/");
		assertThat(browser.on(this.portA).get("/").statusCode()).isEqualTo(200);
		assertThat(browser.on(portB()).get("/").statusCode()).isEqualTo(200);

		// Signing out on A ends the session on B too.
		String csrf = browser.on(this.portA).csrfFrom("/");
		browser.post("/logout", csrf);
		assertThat(browser.on(portB()).get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void whenAdminResetsTwoFactorOnNodeAThenNodeBSeesItAtOnce() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = enroll(email);
		advanceBoth(Duration.ofSeconds(30));
		HttpJourney user = new HttpJourney(portB());
		user.signIn(email);
		user.submit("/login/totp", "/login/totp", "code", HttpJourney.code(enrolled.secret(), this.clock));
		assertThat(user.get("/").statusCode()).isEqualTo(200);

		HttpJourney admin = new HttpJourney(this.portA);
		if (admin.signIn(ADMIN).headers().firstValue("Location").orElse("").contains("error")) {
			admin.signUp(ADMIN);
			admin.signIn(ADMIN);
		}
		long id = this.jdbc.sql("select id from account where email = ?").param(email).query(Long.class).single();
		admin.submit("/admin", "/admin/accounts/" + id + "/reset-two-factor");

		assertThat(user.get("/").statusCode()).as("signed out on B").isEqualTo(302);
		user.signIn(email);
		assertThat(user.get("/").statusCode()).as("password alone on B").isEqualTo(200);
	}

	@Test
	void whenADeviceIsTrustedOnNodeAThenNodeBSkipsTheCodeAndForgettingItOnBEndsItOnA() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = enroll(email);
		advanceBoth(Duration.ofSeconds(30));
		HttpJourney browser = new HttpJourney(this.portA);
		browser.signIn(email);
		browser.submit("/login/totp", "/login/totp", "code", HttpJourney.code(enrolled.secret(), this.clock), "remember",
				"true");
		assertThat(browser.cookie("ZDASH_TRUSTED")).isNotNull();
		browser.post("/logout", browser.csrfFrom("/"));

		browser.on(portB()).signIn(email);
		assertThat(browser.get("/").statusCode()).as("password alone on B").isEqualTo(200);
		org.jsoup.nodes.Document security = org.jsoup.Jsoup.parse(browser.get("/security").body());
		org.jsoup.nodes.Element forget = security.selectFirst("form[action$=/forget]");
		assertThat(forget).isNotNull();
		String copy = browser.cookie("ZDASH_TRUSTED");
		browser.post(forget.attr("action"), forget.selectFirst("input[name=_csrf]").attr("value"));
		assertThat(browser.cookie("ZDASH_TRUSTED")).as("dropped by the browser").isNull();

		HttpJourney onA = new HttpJourney(this.portA);
		onA.addCookie("ZDASH_TRUSTED", copy);
		onA.signIn(email);
		assertThat(onA.get("/").statusCode()).as("a kept copy of the cookie asks for the code on A").isEqualTo(302);
	}

	@Test
	void whenOneTrustedCookieIsCopiedToTenBrowsersOnBothNodesThenAtMostOneSkipsTheCode() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = enroll(email);
		advanceBoth(Duration.ofSeconds(30));
		HttpJourney owner = new HttpJourney(this.portA);
		owner.signIn(email);
		owner.submit("/login/totp", "/login/totp", "code", HttpJourney.code(enrolled.secret(), this.clock), "remember",
				"true");
		String cookie = owner.cookie("ZDASH_TRUSTED");
		List<HttpJourney> copies = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			HttpJourney copy = new HttpJourney((i % 2 == 0) ? this.portA : portB());
			copy.addCookie("ZDASH_TRUSTED", cookie);
			tokens.add(copy.csrfFrom("/login"));
			copies.add(copy);
		}
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
		List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			HttpJourney copy = copies.get(i);
			String token = tokens.get(i);
			results.add(pool.submit(() -> {
				start.await();
				copy.post("/login", token, "email", email, "password", WebJourney.PASSWORD);
				return copy.get("/").statusCode() == 200;
			}));
		}
		start.countDown();
		int trusted = 0;
		for (java.util.concurrent.Future<Boolean> result : results) {
			trusted += result.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(trusted).as("the first to rotate the secret, and only it").isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from security_event e join account a on a.id = e.account_id "
				+ "where a.email = ? and e.type = 'TRUSTED_DEVICE_USED'").param(email).query(Long.class).single()).isOne();
	}

	@Test
	void whenAPasskeyIsAddedOnNodeAThenItSignsInOnNodeB() throws Exception {
		String email = WebJourney.uniqueEmail();
		HttpJourney onA = new HttpJourney(this.portA);
		onA.signUp(email);
		onA.signIn(email);
		onA.enableTwoFactor(this.clock);
		// Both nodes serve one public address, the configured base URL: the key's origin.
		TestAuthenticator key = new TestAuthenticator();
		key.origin = "http://localhost:8080";
		String csrf = onA.csrfFrom("/security");
		String creation = onA.post("/security/passkeys/options", csrf).body();
		assertThat(onA.post("/security/passkeys", csrf, "label", "Laptop", "credential", key.create(creation))
			.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/security#passkeys"));
		assertThat(onA.get("/security").body()).contains("Passkey or security key added");

		HttpJourney onB = new HttpJourney(portB());
		String signInCsrf = onB.csrfFrom("/login");
		String request = onB.post("/login/with-passkey/options", signInCsrf).body();
		HttpResponse<String> signedIn = onB.post("/login/with-passkey", signInCsrf, "credential", key.get(request));
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/"));
		assertThat(onB.get("/security").statusCode()).isEqualTo(200);
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
