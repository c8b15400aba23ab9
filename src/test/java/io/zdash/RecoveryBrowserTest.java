package io.zdash;

import java.time.Instant;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Getting back in by email, in a real browser: the address confirmed from its link, then a forgotten password. */
@ServerTest
// The journey moves the server's clock three days on; sessions count their age from the real time
// they were created, so here they may live long enough for the clock's jump.
@org.springframework.test.context.TestPropertySource(properties = "zdash.web.session-lifetime=30d")
class RecoveryBrowserTest extends BrowserTest {

	static final String NEW_PASSWORD = "Remembered-At-Last-Passphrase-3";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@Test
	void whenThePhoneAndTheCodesAreLostThenTheLinkRemovesTwoFactorAfterTheWait() throws Exception {
		String email = WebJourney.uniqueEmail();
		Mailbox mailbox = new Mailbox(smtp, email);
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		this.browser.open(mailbox.latestLink("Confirm your email address"));
		this.browser.clickAndWait(By.id("verify-confirm"));
		this.browser.setUpTwoFactor(this.clock);
		this.browser.signOut();

		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/login/totp");
		this.browser.clickAndWait(By.id("lost-device"));
		this.browser.clickAndWait(By.id("lost-device-start"));
		assertThat(this.browser.text("lost-device-sent")).contains("on its way");
		String link = mailbox.latestLink("Confirm: remove two-factor authentication");
		this.browser.open(link);
		this.browser.clickAndWait(By.id("lost-device-confirm"));
		assertThat(this.browser.text("lost-device-waiting")).contains("The waiting period ends at");

		this.clock.advance(java.time.Duration.ofHours(73));
		this.browser.open(link);
		this.browser.type("password", WebJourney.PASSWORD);
		this.browser.clickAndWait(By.id("lost-device-complete"));
		assertThat(this.browser.path()).as(this.browser.find(By.tagName("main")).getText()).isEqualTo("/login");
		assertThat(this.browser.text("recovered")).contains("Two-factor authentication was removed");
		this.clock.set(Instant.now());
		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).as("the password alone, and set it up again from the Security page").isEqualTo("/");
	}

	@Test
	void whenThePasswordIsForgottenThenTheMailedLinkSetsANewOneAndTheOldOneStopsWorking() throws Exception {
		String email = WebJourney.uniqueEmail();
		Mailbox mailbox = new Mailbox(smtp, email);
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.find(By.id("verify-banner")).getText()).contains("Please confirm your email address");
		this.browser.open(mailbox.latestLink("Confirm your email address"));
		this.browser.clickAndWait(By.id("verify-confirm"));
		assertThat(this.browser.text("verify-done")).contains("confirmed");
		this.browser.open("/");
		assertThat(this.browser.findAll(By.id("verify-banner"))).isEmpty();
		this.browser.signOut();

		this.browser.open("/login?lang=pt-BR");
		assertThat(this.browser.text("forgot-password")).isEqualTo("Esqueceu a senha?");
		this.browser.open("/login?lang=en");
		this.browser.clickAndWait(By.id("forgot-password"));
		assertThat(this.browser.path()).isEqualTo("/password/forgot");
		this.browser.type("email", email);
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/password/forgot/sent");
		assertThat(this.browser.text("forgot-sent")).startsWith("If that address belongs to an account");

		this.browser.open(mailbox.latestLink("Choose a new password"));
		this.browser.type("new-password", "too short");
		this.browser.submit();
		assertThat(this.browser.text("reset-error")).isEqualTo("Use at least 12 characters.");
		this.browser.type("new-password", NEW_PASSWORD);
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/login");
		assertThat(this.browser.text("password-reset")).contains("Sign in with the new password");

		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.url()).contains("error");
		this.browser.signIn(email, NEW_PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/");
	}

}
