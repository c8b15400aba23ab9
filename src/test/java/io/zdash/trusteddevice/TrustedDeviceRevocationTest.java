package io.zdash.trusteddevice;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every change to how the account signs in forgets its trusted devices, the one that made the
 * change included: the next sign-in on any of them asks for a code again.
 */
class TrustedDeviceRevocationTest extends JourneyTest {

	static final String NEW_PASSWORD = "Completely-Different-Passphrase-42";

	Enrolled enrolled;

	RememberingBrowser laptop;

	RememberingBrowser phone;

	@BeforeEach
	void twoTrustedDevices() throws Exception {
		this.enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.phone = new RememberingBrowser(this.mvc);
		this.phone.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		this.laptop = new RememberingBrowser(this.mvc);
		this.laptop.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		assertThat(trustedOnNextSignIn(this.phone, WebJourney.PASSWORD)).as("trusted before the change").isTrue();
	}

	@Test
	void whenThePasswordChangesThenEveryTrustedDeviceIsForgotten() throws Exception {
		MvcResult changed = act(post("/security/password").param("newPassword", NEW_PASSWORD));
		assertThat(changed.getResponse().getRedirectedUrl()).startsWith("/security");
		assertForgotten(NEW_PASSWORD);
	}

	@Test
	void whenTwoFactorIsTurnedOffAndOnAgainThenEveryTrustedDeviceIsForgotten() throws Exception {
		this.journey.nextStep();
		MvcResult off = act(post("/security/two-factor/disable").param("password", WebJourney.PASSWORD)
			.param("code", this.journey.currentCode(this.enrolled.secret())));
		assertThat(off.getResponse().getRedirectedUrl()).isEqualTo("/security");
		this.enrolled = this.journey.enableTwoFactor(this.laptop.session);
		assertForgotten(WebJourney.PASSWORD);
	}

	@Test
	void whenRecoveryCodesAreRegeneratedThenEveryTrustedDeviceIsForgotten() throws Exception {
		MvcResult regenerated = act(post("/security/recovery-codes").param("password", WebJourney.PASSWORD));
		assertThat(regenerated.getResponse().getRedirectedUrl()).isEqualTo("/security/recovery-codes/new");
		assertForgotten(WebJourney.PASSWORD);
	}

	@Test
	void whenAllOtherSessionsAreSignedOutThenEveryTrustedDeviceIsForgotten() throws Exception {
		act(post("/security/sessions/revoke-others"));
		assertForgotten(WebJourney.PASSWORD);
	}

	@Test
	void whenForgetAllIsPressedThenEveryTrustedDeviceIsForgotten() throws Exception {
		MvcResult forgot = act(post("/security/trusted-devices/forget-all"));
		assertThat(forgot.getResponse().getRedirectedUrl()).isEqualTo("/security#trusted-devices");
		assertThat(rows()).isZero();
		assertForgotten(WebJourney.PASSWORD);
	}

	/** From the laptop's session, which typed its code just now (a recent factor for step-up). */
	private MvcResult act(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		return this.laptop.send(request.with(csrf()).header("Referer", "http://localhost/security"));
	}

	private void assertForgotten(String password) throws Exception {
		assertThat(this.journey.page("/security", this.laptop.session).select(".trusted-device-row"))
			.as("none listed").isEmpty();
		assertThat(rows()).as("and none left once listed").isZero();
		assertThat(trustedOnNextSignIn(this.phone, password)).as("the other device").isFalse();
		assertThat(trustedOnNextSignIn(this.laptop, password)).as("the device that made the change").isFalse();
	}

	private boolean trustedOnNextSignIn(RememberingBrowser browser, String password) throws Exception {
		browser.signIn(this.email, password);
		return browser.signedIn();
	}

	private long rows() {
		return this.jdbc.sql("select count(*) from trusted_device where account_id = (select id from account where email = ?)")
			.param(this.email).query(Long.class).single();
	}

}
