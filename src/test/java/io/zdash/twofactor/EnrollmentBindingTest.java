package io.zdash.twofactor;

import java.time.Duration;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.support.Base32;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A key being set up belongs to the session that asked for it: a stolen session cannot read the key
 * its owner will enroll, and opening setup elsewhere makes the earlier pending key useless.
 */
class EnrollmentBindingTest extends JourneyTest {

	@Test
	void whenAnotherSessionOpensSetupThenItGetsItsOwnKeyAndTheFirstKeyIsUseless() throws Exception {
		this.journey.signUp(this.email);
		MockHttpSession thief = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MockHttpSession owner = this.journey.signIn(this.email, WebJourney.PASSWORD);
		byte[] thiefKey = keyOn(thief);
		byte[] ownerKey = keyOn(owner);
		assertThat(ownerKey).isNotEqualTo(thiefKey);

		// The thief's key no longer sets anything up, in its own session or any other.
		MvcResult stale = this.mvc.perform(post("/security/two-factor/setup").session(thief).with(csrf())
			.param("code", this.journey.currentCode(thiefKey))).andReturn();
		assertThat(stale.getResponse().getRedirectedUrl()).isEqualTo("/security/two-factor/setup");

		WebJourney.Enrolled enrolled = this.journey.enableTwoFactor(owner);
		assertThat(enrolled.secret()).isEqualTo(ownerKey);
		this.journey.nextStep();
		MockHttpSession again = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(again, this.journey.currentCode(thiefKey)).getResponse().getStatus())
			.as("a code from the thief's key").isEqualTo(200);
		assertThat(this.journey.submitCode(again, this.journey.currentCode(ownerKey)).getResponse().getRedirectedUrl())
			.endsWith("/");
	}

	@Test
	void whenTheSameSessionReloadsSetupThenItKeepsItsKey() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		assertThat(keyOn(session)).isEqualTo(keyOn(session));
	}

	@Test
	void whenSomeoneWhoMustEnrollComesBackWithAStalePasswordThenSignedOutToSignInAgain() throws Exception {
		this.jdbc.sql("delete from app_setting where setting_name = 'two-factor.required'").update();
		this.jdbc.sql("insert into app_setting (setting_name, setting_value) values ('two-factor.required', 'true')").update();
		try {
			MockHttpSession session = this.journey.signUpAndSignIn(this.email);
			this.clock.advance(Duration.ofMinutes(11));
			assertThat(this.mvc.perform(get("/security/two-factor/setup").session(session)).andReturn().getResponse()
				.getRedirectedUrl()).isEqualTo("/login?expired");
			assertThat(this.mvc.perform(get("/").session(session)).andReturn().getResponse().getRedirectedUrl())
				.endsWith("/login");
		}
		finally {
			this.jdbc.sql("delete from app_setting where setting_name = 'two-factor.required'").update();
		}
	}

	private byte[] keyOn(MockHttpSession session) throws Exception {
		return Base32.decode(this.journey.page("/security/two-factor/setup", session).getElementById("totp-secret").text());
	}

}
