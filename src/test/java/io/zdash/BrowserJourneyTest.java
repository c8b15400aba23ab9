package io.zdash;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.zdash.support.Base32;
import io.zdash.twofactor.TotpGenerator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole story in a real browser (Debian's headless Chromium): sign up, set up 2FA by scanning
 * the QR code off the screen, sign in with a code, use a recovery code once, turn 2FA off; a lost
 * phone reset by an administrator; signing out another browser. It also takes the README's
 * screenshots.
 */
@ServerTest
@TestPropertySource(properties = "zdash.admin.email=admin@browser.test")
class BrowserJourneyTest extends BrowserTest {

	@Test
	void whenPersonSetsUpTwoFactorThenEverySignInNeedsTheCode() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.browser.signUp(email, WebJourney.PASSWORD);
		assertThat(this.browser.url()).endsWith("/login?registered");
		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/");

		byte[] key = enroll(this.browser, true);
		List<String> recoveryCodes = this.lastRecoveryCodes;
		assertThat(this.browser.text("two-factor-status")).contains("on since");
		this.browser.screenshot("security.png");

		// Password alone: the code page, and the dashboard refuses to show.
		this.browser.signOut();
		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/login/totp");
		assertThat(this.browser.source()).contains("Enter the 6-digit code from your authenticator app");
		this.browser.screenshot("sign-in-code.png");
		// Letters in the code field: our message, not the browser's generic "match the format".
		this.browser.type("code", "abc");
		assertThat(this.browser.validationMessage("code")).isEqualTo("A code is exactly 6 digits, like 123456.");
		this.browser.open("/");
		assertThat(this.browser.path()).isEqualTo("/login/totp");
		this.browser.type("code", "000000".equals(code(key)) ? "111111" : "000000");
		this.browser.submit();
		assertThat(this.browser.find(By.cssSelector(".error")).getText()).contains("not right");
		nextStep();
		this.browser.type("code", code(key));
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/");
		assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("Instances");

		// A recovery code works once.
		this.browser.signOut();
		this.browser.signIn(email, WebJourney.PASSWORD);
		this.browser.clickAndWait(By.id("use-recovery"));
		this.browser.type("code", recoveryCodes.get(0));
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/");
		assertThat(this.browser.find(By.cssSelector(".notice")).getText()).contains("9");
		this.browser.signOut();
		this.browser.signIn(email, WebJourney.PASSWORD);
		this.browser.open("/login/recovery");
		this.browser.type("code", recoveryCodes.get(0));
		this.browser.submit();
		assertThat(this.browser.find(By.cssSelector(".error")).getText()).contains("already used");

		// Turn 2FA off with the password and a code; then the password is enough again.
		nextStep();
		this.browser.open("/login/totp");
		this.browser.type("code", code(key));
		this.browser.submit();
		this.browser.open("/security");
		nextStep();
		this.browser.type("disable-password", WebJourney.PASSWORD);
		this.browser.type("disable-code", code(key));
		this.browser.clickAndWait(By.cssSelector("#two-factor form[action$='/disable'] button"));
		assertThat(this.browser.text("two-factor-status")).contains("off");
		this.browser.signOut();
		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/");
	}

	@Test
	void whenThisDeviceIsRememberedThenThePasswordAloneSignsInUntilItIsForgotten() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		byte[] key = enroll(this.browser, false);
		this.browser.signOut();

		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/login/totp");
		assertThat(this.browser.find(By.cssSelector("label[for=remember]")).getText())
			.isEqualTo("Don\u2019t ask for a code on this device for 30 days");
		nextStep();
		this.browser.type("code", code(key));
		this.browser.click(By.id("remember"));
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/");
		this.browser.signOut();

		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).as("the password alone").isEqualTo("/");
		this.browser.open("/security?lang=pt-BR");
		assertThat(this.browser.find(By.cssSelector(".trusted-device-row .this-device")).getText()).isEqualTo("Este aparelho");
		this.browser.open("/security?lang=en");
		this.browser.clickAndWait(By.cssSelector(".trusted-device-row .forget-device"));
		assertThat(this.browser.find(By.cssSelector(".notice")).getText()).contains("That device was forgotten");
		assertThat(this.browser.findAll(By.className("trusted-device-row"))).isEmpty();
		this.browser.signOut();

		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).as("the code is asked again").isEqualTo("/login/totp");
	}

	@Test
	void whenInstancesManagedThenTokenIsMaskedUntilRevealed() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		this.browser.type("new-name", "Loja São Paulo");
		this.browser.submit();
		assertThat(this.browser.find(By.cssSelector(".token")).getText()).startsWith("••••");
		this.browser.clickAndWait(By.xpath("//button[text()='Reveal']"));
		assertThat(this.browser.find(By.cssSelector(".token")).getText()).matches("[0-9A-F]{48}");
		assertThat(this.browser.find(By.cssSelector("input[name=name][value]")).getAttribute("value"))
			.isEqualTo("Loja São Paulo");
		this.browser.screenshot("dashboard.png");

		// Ten minutes later a new token needs a re-check, which names the action and then offers it.
		this.clock.advance(Duration.ofMinutes(11));
		this.browser.clickAndConfirm(By.cssSelector("form[action$='/token/rotate'] button"));
		assertThat(this.browser.path()).isEqualTo("/security/confirm");
		assertThat(this.browser.text("confirm-action")).isEqualTo("You are about to replace an instance token.");
		this.browser.type("password", WebJourney.PASSWORD);
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/");
		assertThat(this.browser.text("confirmed")).isEqualTo("Confirmed — you can now replace an instance token.");
		assertThat(this.browser.focused().findElement(By.xpath("ancestor::form")).getAttribute("action"))
			.endsWith("/token/rotate");
	}

	@Test
	void whenPhoneIsLostThenAdministratorResetsTwoFactorAndThePersonEnrollsAgain() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		enroll(this.browser, false);
		this.browser.signOut();
		// The phone is gone: the password leads only to the code page.
		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/login/totp");

		try (Browser admin = new Browser(this.port)) {
			admin.signUp("admin@browser.test", WebJourney.PASSWORD);
			admin.signIn("admin@browser.test", WebJourney.PASSWORD);
			admin.open("/admin");
			WebElement row = admin.findAll(By.cssSelector(".account-row")).stream()
				.filter(r -> r.getText().contains(email)).findFirst().orElseThrow();
			assertThat(row.getText()).contains("On since");
			admin.screenshot("admin.png");
			admin.clickAndConfirm(By.cssSelector("#" + row.getAttribute("id") + " form[action$='/reset-two-factor'] button"));
			assertThat(admin.find(By.cssSelector(".notice")).getText()).contains("reset");
		}

		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/");
		this.browser.open("/security");
		assertThat(this.browser.text("two-factor-status")).contains("off");
		enroll(this.browser, false);
		assertThat(this.browser.text("two-factor-status")).contains("on since");
	}

	@Test
	void whenSignedInOnTwoBrowsersThenOneSignsTheOtherOut() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		try (Browser other = new Browser(this.port)) {
			other.signIn(email, WebJourney.PASSWORD);
			assertThat(other.path()).isEqualTo("/");

			this.browser.open("/security");
			assertThat(this.browser.findAll(By.cssSelector(".session-row"))).hasSize(2);
			this.browser.screenshot("sessions.png");
			this.browser.clickAndWait(By.id("revoke-others"));
			assertThat(this.browser.findAll(By.cssSelector(".session-row"))).hasSize(1);

			other.open("/");
			assertThat(other.path()).isEqualTo("/login");
		}
	}

	@Test
	void whenASecondAuthenticatorAppIsAddedThenEitherSignsInAndTheFirstCanGo() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		byte[] first = enroll(this.browser, false);

		// Security → Add another authenticator app → scan its own QR code → name and code.
		this.browser.clickAndWait(By.id("add-app"));
		assertThat(this.browser.path()).isEqualTo("/security/two-factor/apps/new");
		byte[] second = Base32.decode(queryParameter(this.browser.scanQrCode(By.id("totp-qr")), "secret"));
		assertThat(second).isNotEqualTo(first);
		this.browser.type("app-name", "Tablet");
		this.browser.type("code", code(second));
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/security");
		assertThat(this.browser.findAll(By.className("totp-app-name")).stream().map(WebElement::getText))
			.containsExactly("Authenticator app", "Tablet");
		this.browser.screenshotOf(By.id("two-factor"), "authenticator-apps.png");

		// The first phone is lost: remove it (after a confirmation); the tablet's codes still sign in.
		this.browser.clickAndConfirm(By.cssSelector(".totp-app .remove-app"));
		assertThat(this.browser.findAll(By.className("totp-app-name")).stream().map(WebElement::getText))
			.containsExactly("Tablet");
		this.browser.signOut();
		nextStep();
		this.browser.signIn(email, WebJourney.PASSWORD);
		this.browser.type("code", code(first));
		this.browser.submit();
		assertThat(this.browser.find(By.cssSelector(".error")).getText()).contains("not right");
		this.browser.type("code", code(second));
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/");
	}

	private List<String> lastRecoveryCodes;

	/** Security → Configure now → scan the QR code → type a code → save the codes → turn on. */
	private byte[] enroll(Browser person, boolean screenshot) throws Exception {
		person.open("/security");
		assertThat(person.text("two-factor-status")).contains("off");
		person.clickAndWait(By.id("configure-now"));
		assertThat(person.path()).isEqualTo("/security/two-factor/setup");
		if (screenshot) {
			person.screenshot("enrollment.png");
		}
		String uri = person.scanQrCode(By.id("totp-qr"));
		assertThat(uri).startsWith("otpauth://totp/Z-API:").contains("issuer=Z-API");
		String secret = queryParameter(uri, "secret");
		assertThat(secret).isEqualTo(person.text("totp-secret").replace(" ", ""));
		byte[] key = Base32.decode(secret);
		assertThat(key).hasSize(20);
		person.type("code", code(key));
		person.submit();
		this.lastRecoveryCodes = person.findAll(By.className("recovery-code")).stream().map(WebElement::getText).toList();
		assertThat(this.lastRecoveryCodes).hasSize(10);
		assertThat(person.find(By.id("download-codes")).getAttribute("href")).startsWith("data:text/plain");
		person.click(By.id("saved"));
		person.submit();
		assertThat(person.path()).isEqualTo("/security");
		return key;
	}

	private String code(byte[] key) {
		TotpGenerator totp = TotpGenerator.AUTHENTICATOR_APPS;
		return totp.code(key, totp.timeStep(this.clock.instant()));
	}

	private void nextStep() {
		this.clock.advance(Duration.ofSeconds(30));
	}

	private static String queryParameter(String uri, String name) {
		String query = uri.substring(uri.indexOf('?') + 1);
		for (String pair : query.split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts[0].equals(name)) {
				return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("No " + name + " in " + uri);
	}

}
