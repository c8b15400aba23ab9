package io.zdash;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zdash.support.Base32;
import io.zdash.twofactor.TotpGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the journeys, in each language, at a small phone, a common phone and a laptop:
 * axe-core reports no WCAG 2.2 A/AA violation and nothing scrolls sideways. The problems of all
 * pages are gathered, so one run says everything that is wrong.
 */
@ServerTest
@TestPropertySource(properties = "zdash.admin.email=admin@quality.test")
class PageQualityBrowserTest {

	record Screen(String name, int width, int height, boolean axe) {
	}

	static final List<Screen> SCREENS = List.of(new Screen("small phone", 360, 740, false),
			new Screen("phone", 390, 844, true), new Screen("laptop", 1366, 768, true));

	static final String ADMIN = "admin@quality.test";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private final List<String> problems = new ArrayList<>();

	private Browser browser;

	private String language;

	@ParameterizedTest
	@ValueSource(strings = { "en", "pt-BR" })
	void whenEveryPageIsShownOnPhonesAndALaptopThenAxeFindsNothingAndNothingScrollsSideways(String language)
			throws Exception {
		this.clock.set(Instant.now());
		this.language = language;
		try (Browser browser = new Browser(this.port)) {
			this.browser = browser;
			walkEveryPage();
		}
		assertThat(this.problems).as("pages with problems (" + language + ")").isEmpty();
	}

	private void walkEveryPage() throws Exception {
		this.browser.open("/login?lang=" + this.language);
		check("sign-in");
		this.browser.open("/signup");
		check("sign-up");
		this.browser.open("/password/forgot");
		check("forgot password");
		this.browser.type("email", "nobody-" + this.language + "@example.com");
		this.browser.submit();
		check("forgot password, sent");
		this.browser.open("/password/reset?token=" + "A".repeat(43));
		check("reset link that does not work");
		this.browser.open("/email/verify?token=" + "A".repeat(43));
		check("confirmation link that does not work");
		this.browser.open("/recovery/lost-device?token=" + "A".repeat(43));
		check("lost-device link that does not work");
		String email = WebJourney.uniqueEmail();
		this.browser.signUp(email, WebJourney.PASSWORD);
		check("signed up");
		this.browser.signIn(email, "not the password");
		check("wrong password");
		this.browser.signIn(email, WebJourney.PASSWORD);
		check("dashboard, empty");
		this.browser.type("new-name", "Atendimento ao cliente — unidade São Paulo Centro 24h (WhatsApp)".substring(0, 60));
		this.browser.submit();
		this.browser.type("new-name", "Vendas");
		this.browser.submit();
		check("dashboard, two instances");
		this.browser.clickAndWait(By.cssSelector("form[action$='/token'] button"));
		check("dashboard, token revealed", "phone-dashboard.png");

		this.browser.open("/security");
		check("security, 2FA off");
		this.browser.clickAndWait(By.id("configure-now"));
		check("setup, QR code", "phone-enrollment.png");
		byte[] key = Base32.decode(this.browser.text("totp-secret").replace(" ", ""));
		this.browser.type("code", code(key));
		this.browser.submit();
		check("setup, recovery codes");
		List<String> recoveryCodes = this.browser.findAll(By.className("recovery-code")).stream()
			.map(org.openqa.selenium.WebElement::getText).toList();
		this.browser.click(By.id("saved"));
		this.browser.submit();
		check("security, 2FA on", "phone-security.png");
		// The security log's times: the person's own zone and language, UTC in the tooltip.
		org.openqa.selenium.WebElement time = this.browser.find(By.cssSelector("#security-log time"));
		java.time.Instant at = java.time.Instant.parse(time.getAttribute("datetime"));
		java.time.ZonedDateTime local = at.atZone(java.time.ZoneId.of(Browser.TIME_ZONE));
		String expected = this.language.equals("en")
				? java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy, hh:mm a", java.util.Locale.US).format(local)
				: java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm").format(local);
		assertThat(time.getText()).isEqualTo(expected);
		assertThat(time.getAttribute("title")).endsWith("UTC");
		assertThat(this.browser.find(By.cssSelector("#security-log small.hint")).getText())
			.isEqualTo(this.language.equals("en") ? "Chrome on Linux" : "Chrome no Linux");
		// New recovery codes: their own page, which a reload or the language link shows again.
		this.browser.type("regenerate-password", WebJourney.PASSWORD);
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/security/recovery-codes/new");
		check("new recovery codes");
		List<String> newCodes = this.browser.findAll(By.className("recovery-code")).stream()
			.map(org.openqa.selenium.WebElement::getText).toList();
		assertThat(newCodes).hasSize(10).doesNotContainAnyElementsOf(recoveryCodes);
		recoveryCodes = newCodes;
		this.browser.open("/security");
		this.browser.open("/security/confirm?continue=/security");
		check("step-up re-check");
		this.browser.open("/security/two-factor/apps/new");
		check("add an authenticator app");
		byte[] tablet = Base32.decode(this.browser.text("totp-secret").replace(" ", ""));
		this.browser.type("app-name", "Tablet");
		this.browser.type("code", code(tablet));
		this.browser.submit();
		assertThat(this.browser.findAll(By.className("totp-app"))).hasSize(2);
		check("security, two authenticator apps");
		this.browser.clickAndWait(By.id("manage-tokens"));
		check("personal access tokens, none");
		this.browser.type("token-name", "Relatório diário");
		this.browser.click(By.id("scope-instances-read"));
		this.browser.click(By.id("scope-security-read"));
		this.browser.clickAndWait(By.id("create-token-submit"));
		assertThat(this.browser.find(By.id("new-token")).getAttribute("value")).startsWith("zdp_");
		check("personal access token, shown once", "phone-api-token.png");
		// A month later: the next sign-in starts with the check-up.
		this.jdbc.sql("update totp_credential set enabled_at = ? where account_id = (select id from account where email = ?)")
			.params(io.zdash.support.SqlTime.utc(this.clock.instant().minus(java.time.Duration.ofDays(29))), email).update();

		this.browser.signOut();
		this.browser.signIn(email, WebJourney.PASSWORD);
		check("second step, code", "phone-sign-in-code.png");
		assertThat(this.browser.path()).as(this.browser.source()).isEqualTo("/login/totp");
		this.browser.clickAndWait(By.id("lost-device"));
		check("second step, lost authenticator");
		this.browser.open("/login/recovery");
		check("second step, recovery code");
		this.browser.type("code", recoveryCodes.get(0));
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/security/check-up");
		check("check-up");
		this.browser.clickAndWait(By.id("checkup-done"));
		check("signed in with a recovery code");
		// This device remembered: the Security page lists it.
		this.browser.signOut();
		this.clock.advance(java.time.Duration.ofSeconds(30));
		this.browser.signIn(email, WebJourney.PASSWORD);
		this.browser.type("code", code(key));
		this.browser.click(By.id("remember"));
		this.browser.submit();
		this.browser.open("/security");
		assertThat(this.browser.findAll(By.className("trusted-device-row"))).hasSize(1);
		check("security, a trusted device");
		this.browser.open("/no-such-page");
		check("not found");

		this.browser.signOut();
		String stranger = WebJourney.uniqueEmail();
		for (int i = 0; i < 5; i++) {
			this.browser.signIn(stranger, "guess " + i);
		}
		check("too many attempts");

		this.browser.open("/login");
		if (this.browser.path().equals("/login")) {
			this.browser.signUp(ADMIN, WebJourney.PASSWORD); // the first run creates it; later, a no-op
			this.browser.signIn(ADMIN, WebJourney.PASSWORD);
		}
		this.browser.open("/admin");
		check("administration");
		this.browser.open("/admin/events");
		check("administration, security log");
	}

	private void check(String page) throws Exception {
		check(page, null);
	}

	/** With a name, the English phone view is also saved as a screenshot (for the README). */
	private void check(String page, String screenshot) throws Exception {
		String where = this.language + " " + page + " (" + this.browser.path() + ")";
		if (!page.equals("not found")) {
			for (String problem : this.browser.brokenLanguageLinks()) {
				this.problems.add(where + ": " + problem);
			}
		}
		for (Screen screen : SCREENS) {
			this.browser.resize(screen.width(), screen.height());
			long overflow = this.browser.overflow();
			if (overflow > 0) {
				this.problems.add(where + " at " + screen.width() + " px scrolls sideways by " + overflow + " px: "
						+ this.browser.overflowing());
			}
			if (screenshot != null && this.language.equals("en") && screen.width() == 390) {
				this.browser.screenshot(screenshot);
			}
			if (screen.axe()) {
				for (String violation : this.browser.accessibilityViolations()) {
					this.problems.add(where + " on a " + screen.name() + ": " + violation);
				}
			}
		}
	}

	private String code(byte[] key) {
		TotpGenerator totp = TotpGenerator.AUTHENTICATOR_APPS;
		return totp.code(key, totp.timeStep(this.clock.instant()));
	}

}
