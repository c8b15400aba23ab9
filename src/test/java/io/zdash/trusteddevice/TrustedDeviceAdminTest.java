package io.zdash.trusteddevice;

import java.time.Duration;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.support.SqlTime;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** What the administrator decides about trusted devices: off, fewer days, and resetting someone's 2FA. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:trusted-device-admin;DB_CLOSE_DELAY=-1")
class TrustedDeviceAdminTest extends JourneyTest {

	static String adminEmail;

	Enrolled enrolled;

	RememberingBrowser browser;

	@BeforeEach
	void trustedDeviceOfAnotherAccount() throws Exception {
		if (adminEmail == null) {
			adminEmail = WebJourney.uniqueEmail();
			this.journey.signUp(adminEmail);
		}
		this.jdbc.sql("delete from app_setting").update();
		this.enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.browser = new RememberingBrowser(this.mvc);
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
	}

	@Test
	void whenTheAdministratorTurnsTrustedDevicesOffThenEveryOneIsForgottenAndTheBoxIsGone() throws Exception {
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		assertThat(this.journey.page("/admin", admin).select("input#trusted-devices[checked]")).as("on by default").hasSize(1);
		assertThat(settings(admin, null, "30").getResponse().getRedirectedUrl()).isEqualTo("/admin");
		assertThat(this.jdbc.sql("select count(*) from trusted_device").query(Long.class).single()).isZero();

		assertThat(trustedAtNextSignIn()).isFalse();
		assertThat(this.browser.trusted).as("the dead cookie is dropped").isNull();
		assertThat(this.journey.page("/login/totp", this.browser.session).getElementById("remember")).isNull();
		this.journey.nextStep();
		this.browser.code(this.journey.currentCode(this.enrolled.secret()), true);
		assertThat(this.browser.trusted).as("a ticked box sent anyway does nothing").isNull();
		assertThat(this.journey.page("/security", this.browser.session).getElementById("no-trusted-devices").text())
			.contains("administrator has turned this off");
		assertThat(this.journey.page("/admin", admin).select("input#trusted-devices[checked]")).isEmpty();
	}

	@Test
	void whenTheAdministratorLowersTheDaysThenOlderDevicesStopAndNewOnesLastThatLong() throws Exception {
		this.jdbc.sql("update trusted_device set created_at = ? where account_id = (select id from account where email = ?)")
			.params(SqlTime.utc(this.clock.instant().minus(Duration.ofDays(8))), this.email).update();
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		settings(admin, "true", "7");
		assertThat(this.journey.page("/admin", admin).getElementById("trusted-device-days").val()).isEqualTo("7");

		assertThat(trustedAtNextSignIn()).as("8 days old, 7 allowed").isFalse();
		assertThat(this.journey.page("/login/totp", this.browser.session).select("label[for=remember]").text())
			.isEqualTo("Don\u2019t ask for a code on this device for 7 days");
		this.journey.nextStep();
		MvcResult remembered = this.browser.code(this.journey.currentCode(this.enrolled.secret()), true);
		assertThat(remembered.getResponse().getHeaders("Set-Cookie").toString())
			.contains("Max-Age=" + Duration.ofDays(7).toSeconds());
		assertThat(trustedAtNextSignIn()).isTrue();
	}

	@Test
	void whenTheDaysAreLoweredAndRaisedAgainThenTheShortenedDevicesStayForgotten() throws Exception {
		this.jdbc.sql("update trusted_device set created_at = ? where account_id = (select id from account where email = ?)")
			.params(SqlTime.utc(this.clock.instant().minus(Duration.ofDays(3))), this.email).update();
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		settings(admin, "true", "2");
		settings(admin, "true", "30");
		assertThat(trustedAtNextSignIn()).isFalse();
	}

	@Test
	void whenTheAdministratorDisablesAndEnablesTheAccountThenItsDevicesAreForgotten() throws Exception {
		long id = this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		for (String action : new String[] { "/disable", "/enable" }) {
			this.mvc.perform(post("/admin/accounts/" + id + action).session(admin).with(csrf())
				.header("Referer", "http://localhost/admin"));
		}
		assertThat(trustedAtNextSignIn()).isFalse();
	}

	@Test
	void whenTheDaysAreNotAWholeNumberFromOneToThirtyThenNothingIsSavedAndThePageSaysWhy() throws Exception {
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		for (String days : new String[] { "", "0", "31", "-3", "7.5", "sete", "\u0661\u0662", "9".repeat(5000), "1e1" }) {
			MvcResult refused = settings(admin, "true", days);
			assertThat(refused.getResponse().getRedirectedUrl()).as(days).isEqualTo("/admin");
			Document page = this.journey.page("/admin", admin);
			assertThat(page.getElementById("settings-error").text()).as(days)
				.isEqualTo("The days for trusted devices must be a whole number from 1 to 30. Nothing was saved.");
		}
		assertThat(this.jdbc.sql("select count(*) from app_setting").query(Long.class).single()).isZero();
		assertThat(trustedAtNextSignIn()).isTrue();
	}

	@Test
	void whenTheAdministratorResetsTwoFactorThenTheDevicesTrustedBeforeStayForgottenAfterANewSetup() throws Exception {
		long id = this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		this.mvc.perform(post("/admin/accounts/" + id + "/reset-two-factor").session(admin).with(csrf())
			.header("Referer", "http://localhost/admin"));
		MockHttpSession again = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.enrolled = this.journey.enableTwoFactor(again);
		assertThat(trustedAtNextSignIn()).isFalse();
	}

	private boolean trustedAtNextSignIn() throws Exception {
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		return this.browser.signedIn();
	}

	private MvcResult settings(MockHttpSession admin, String trusted, String days) throws Exception {
		var request = post("/admin/settings").session(admin).with(csrf()).header("Referer", "http://localhost/admin")
			.param("trustedDeviceDays", days);
		return this.mvc.perform((trusted != null) ? request.param("trustedDevices", trusted) : request).andReturn();
	}

}
