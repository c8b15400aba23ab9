package io.zdash.account;

import java.time.Duration;

import io.zdash.WebJourney;
import io.zdash.JourneyTest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

class PasswordChangeTest extends JourneyTest {

	static final String NEW_PASSWORD = "Orchard-Telescope-Violin-3";

	@Test
	void whenPasswordChangedThenOnlyTheNewOneWorksAndOtherSessionsEnd() throws Exception {
		MockHttpSession laptop = this.journey.signUpAndSignIn(this.email);
		MockHttpSession phone = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult changed = change(laptop, NEW_PASSWORD);
		assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(this.mvc.perform(get("/").session(laptop)).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(this.mvc.perform(get("/").session(phone)).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(signIn(WebJourney.PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		assertThat(signIn(NEW_PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(this.journey.page("/security", laptop).select(".security-event").text()).contains("Password changed");
	}

	@Test
	void whenNewPasswordIsWeakThenReasonAndNothingChanges() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		for (String weak : new String[] { "", "short", "password1234", "x".repeat(10_000) }) {
			MvcResult refused = change(session, weak);
			assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/security#password");
			assertThat(refused.getFlashMap().get("passwordError")).isNotNull();
		}
		assertThat(signIn(WebJourney.PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenLastCheckIsOlderThanTenMinutesThenStepUpFirst() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(change(session, NEW_PASSWORD).getResponse().getRedirectedUrl()).startsWith("/security/confirm");
		assertThat(signIn(WebJourney.PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	private MvcResult change(MockHttpSession session, String password) throws Exception {
		return this.mvc.perform(post("/security/password").session(session).with(csrf())
			.header("Referer", "http://localhost/security").param("newPassword", password)).andReturn();
	}

	private MvcResult signIn(String password) throws Exception {
		return this.mvc.perform(post("/login").with(csrf()).param("email", this.email).param("password", password))
			.andReturn();
	}

}
