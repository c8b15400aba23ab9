package io.zdash.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.TestClockConfig;
import io.zdash.WebJourney;
import io.zdash.ZdashApplication;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based: random and hostile text in every form field of a running server. Never a 5xx,
 * and the protected state (accounts, the enrolled authenticator, sign-in) never changes.
 */
class HostileInputProperties {

	private static ConfigurableApplicationContext app;

	private static String enrolledEmail;

	private static synchronized ConfigurableApplicationContext app() throws Exception {
		if (app == null) {
			app = new SpringApplicationBuilder(ZdashApplication.class, TestClockConfig.class).profiles("test")
				.run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:properties;DB_CLOSE_DELAY=-1");
			app.getBean(MutableClock.class).set(Instant.now());
			enrolledEmail = WebJourney.uniqueEmail();
			HttpJourney owner = browser();
			owner.signUp(enrolledEmail);
			owner.signIn(enrolledEmail);
			owner.enableTwoFactor(app.getBean(MutableClock.class));
		}
		return app;
	}

	@AfterContainer
	static void stop() {
		if (app != null) {
			app.close();
			app = null;
		}
	}

	@Provide
	Arbitrary<String> hostile() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200), Arbitraries.strings().ascii().ofMaxLength(40),
				Arbitraries.strings().numeric().ofMinLength(5).ofMaxLength(7),
				Arbitraries.of("", " ", "\u0000", "+12345", "-12345", "٠١٢٣٤٥", "１２３４５６", "' or 1=1 --",
						"<script>alert(1)</script>", "%00", "../../etc/passwd", "${7*7}", "#{7*7}", "__${T(java.lang.Runtime)}__",
						"x".repeat(10_240), "🦊".repeat(300), "\r\nSet-Cookie: x=y", "a@b@c", "null", "undefined"));
	}

	@Property(tries = 40)
	void whenSignInFieldsAreHostileThenNo5xxAndNobodyGetsIn(@ForAll("hostile") String email, @ForAll("hostile") String password)
			throws Exception {
		app();
		HttpJourney browser = browser();
		HttpResponse<String> answer = browser.submit("/login", "/login", "email", email, "password", password);
		assertThat(answer.statusCode()).isLessThan(500);
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
	}

	@Provide
	Arbitrary<String> deviceCookie() {
		// What an HTTP client can put in a Cookie header at all: visible ASCII without ';' and ','. Long
		// ones stay under Tomcat's 8 KiB header limit, past which Tomcat answers 400 before we see them.
		Arbitrary<String> visible = Arbitraries.strings().withCharRange('!', '~').excludeChars(';', ',', '"', '\\')
			.ofMaxLength(300);
		return Arbitraries.oneOf(visible, Arbitraries.of("", ".", "..", "A".repeat(43), "A".repeat(43) + "." + "B".repeat(43),
				("A".repeat(43) + ".").repeat(50), "x".repeat(4_000), "%00", "%FF%FE", "=", "a=b"));
	}

	@Property(tries = 40)
	void whenTheDeviceCookieIsHostileThenNo5xxAndAWrongPasswordStaysWrong(@ForAll("deviceCookie") String cookie)
			throws Exception {
		app();
		HttpJourney browser = browser();
		browser.addCookie("ZDASH_DEVICE", cookie);
		HttpResponse<String> answer = browser.submit("/login", "/login", "email", enrolledEmail, "password", "not the password");
		assertThat(answer.statusCode()).isLessThan(500);
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
	}

	@Provide
	Arbitrary<String> trustedCookie() {
		Arbitrary<String> shaped = Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(32)
			.flatMap(id -> Arbitraries.strings().withCharRange('!', '~').excludeChars(';', ',', '"', '\\').ofMaxLength(60)
				.map(rest -> id + "." + rest));
		return Arbitraries.oneOf(deviceCookie(), shaped, Arbitraries.of("0".repeat(32) + "." + "A".repeat(43),
				"F".repeat(32) + "." + "_".repeat(43), "0".repeat(32) + "." + "A".repeat(43) + "." + "A".repeat(43)));
	}

	@Property(tries = 40)
	void whenTheTrustedDeviceCookieIsHostileThenNo5xxAndTheRightPasswordStillNeedsTheCode(
			@ForAll("trustedCookie") String cookie, @ForAll("hostile") String remember) throws Exception {
		app();
		// The other properties' wrong passwords for this account may have paused it: not this one's subject.
		app.getBean(JdbcClient.class).sql("delete from attempt_gate").update();
		HttpJourney browser = browser();
		browser.addCookie("ZDASH_TRUSTED", cookie);
		HttpResponse<String> answer = browser.signIn(enrolledEmail);
		assertThat(answer.statusCode()).isLessThan(500);
		assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("error");
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
		HttpResponse<String> code = browser.submit("/login/totp", "/login/totp", "code", "abc123", "remember", remember);
		assertThat(code.statusCode()).isLessThan(500);
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
		app.getBean(JdbcClient.class).sql("delete from attempt_gate where kind = 'SECOND_FACTOR'").update();
		app.getBean(JdbcClient.class).sql("update totp_credential set blocked_at = null").update();
	}

	@Property(tries = 40)
	void whenSignUpFieldsAreHostileThenNo5xx(@ForAll("hostile") String email, @ForAll("hostile") String password)
			throws Exception {
		app();
		long accounts = accounts();
		HttpResponse<String> answer = browser().submit("/signup", "/signup", "email", email, "password", password);
		assertThat(answer.statusCode()).isLessThan(500);
		if (answer.statusCode() != 302) {
			assertThat(accounts()).isEqualTo(accounts);
		}
	}

	@Property(tries = 40)
	void whenSecondFactorFieldsAreHostileThenNo5xxAndTheAuthenticatorIsUnchanged(@ForAll("hostile") String code)
			throws Exception {
		app();
		Map<String, Object> before = credential();
		HttpJourney browser = browser();
		browser.signIn(enrolledEmail);
		for (String step : new String[] { "/login/totp", "/login/recovery" }) {
			HttpResponse<String> answer = browser.get(step).statusCode() == 200 ? browser.submit(step, step, "code", code)
					: browser.get(step);
			assertThat(answer.statusCode()).isLessThan(500);
		}
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
		assertThat(credential().get("SECRET")).isEqualTo(before.get("SECRET"));
		// Keep later tries from being throttled: wrong codes are counted, by design.
		app.getBean(JdbcClient.class).sql("delete from attempt_gate where kind = 'SECOND_FACTOR'").update();
		app.getBean(JdbcClient.class).sql("update totp_credential set blocked_at = null").update();
	}

	@Property(tries = 40)
	void whenDashboardFieldsAreHostileThenNo5xx(@ForAll("hostile") String name, @ForAll("hostile") String id)
			throws Exception {
		app();
		HttpJourney browser = browser();
		String email = WebJourney.uniqueEmail();
		browser.signUp(email);
		browser.signIn(email);
		String csrf = browser.csrfFrom("/");
		assertThat(browser.post("/instances", csrf, "name", name).statusCode()).isLessThan(500);
		String path = java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
		for (String action : new String[] { "/rename", "/token", "/delete" }) {
			int status = browser.post("/instances/" + path + action, browser.csrfFrom("/"), "name", name).statusCode();
			assertThat(status).isLessThan(500);
		}
		int status = browser.post("/security/two-factor/disable", browser.csrfFrom("/security"), "password", name, "code", id)
			.statusCode();
		assertThat(status).isLessThan(500);
		assertThat(browser.post("/security/two-factor/setup", browser.csrfFrom("/security/two-factor/setup"), "code", id)
			.statusCode()).isLessThan(500);
	}

	private static HttpJourney browser() {
		return new HttpJourney(((WebServerApplicationContext) app).getWebServer().getPort());
	}

	private static long accounts() {
		return app.getBean(JdbcClient.class).sql("select count(*) from account").query(Long.class).single();
	}

	private static Map<String, Object> credential() {
		return app.getBean(JdbcClient.class)
			.sql("select c.secret from totp_app c join account a on a.id = c.account_id where a.email = ?")
			.param(enrolledEmail)
			.query()
			.singleRow()
			.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().toUpperCase(), Map.Entry::getValue));
	}

}
