package io.zdash.web;

import java.time.Duration;

import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.JourneyTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Sensitive actions need the strongest factor from the last ten minutes, then go back where they came from. */
class StepUpTest extends JourneyTest {

	@Test
	void whenCodeIsFreshThenTokenIsRevealedStraightAway() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signInWithCode(this.email, enrolled.secret());
		String id = createInstance(session);
		assertThat(reveal(session, id).getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void whenCodeOlderThanTenMinutesThenSensitiveActionsAskForANewOneAndComeBack() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signInWithCode(this.email, enrolled.secret());
		String id = createInstance(session);
		this.clock.advance(Duration.ofMinutes(11));

		MvcResult asked = reveal(session, id);
		assertThat(asked.getResponse().getRedirectedUrl()).isEqualTo("/security/confirm?continue=/");
		for (String action : new String[] { "/security/two-factor/disable", "/security/recovery-codes" }) {
			assertThat(this.mvc.perform(post(action).session(session).with(csrf()).header("Referer", "http://localhost/security")
				.param("password", WebJourney.PASSWORD).param("code", "123456")).andReturn().getResponse().getRedirectedUrl())
				.isEqualTo("/security/confirm?continue=/security");
		}
		assertThat(this.journey.page("/security/confirm?continue=/", session).getElementById("code")).isNotNull();

		MvcResult wrong = this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("code", "not a code")).andReturn();
		assertThat(Jsoup.parse(wrong.getResponse().getContentAsString()).select(".error").text()).isNotBlank();

		MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(session).with(csrf())
			.param("continue", "/").param("code", this.journey.currentCode(enrolled.secret()))).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/");
		MvcResult revealed = reveal(session, id);
		assertThat(revealed.getResponse().getStatus()).isEqualTo(200);
		assertThat(Jsoup.parse(revealed.getResponse().getContentAsString()).select(".token").text()).matches("[0-9A-F]{48}");
	}

	@Test
	void whenAWrongCodeIsEnteredAtTheRecheckThenTheCodeIsAskedForAgainWithTheReason() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signInWithCode(this.email, enrolled.secret());
		this.clock.advance(Duration.ofMinutes(11));
		MvcResult wrong = this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("code", this.journey.wrongCode(enrolled.secret()))).andReturn();
		assertThat(wrong.getResponse().getStatus()).isEqualTo(200);
		org.jsoup.nodes.Document page = Jsoup.parse(wrong.getResponse().getContentAsString());
		assertThat(page.getElementById("code")).as("the code field, not the password's").isNotNull();
		assertThat(page.getElementById("password")).isNull();
		assertThat(page.select(".error").text()).contains("not right");
		// Still signed in as before the wrong code: the navigation is there, and the right code works.
		assertThat(page.select("a[href='/security']")).isNotEmpty();
		MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(session).with(csrf())
			.param("continue", "/").param("code", this.journey.currentCode(enrolled.secret()))).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenTokenRotatedThenTheOldOneIsGoneAndAStaleCheckAsksFirst() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		String id = createInstance(session);
		String before = Jsoup.parse(reveal(session, id).getResponse().getContentAsString()).select(".token").text();
		MvcResult rotated = this.mvc.perform(post("/instances/{id}/token/rotate", id).session(session).with(csrf())
			.header("Referer", "http://localhost/")).andReturn();
		String after = Jsoup.parse(rotated.getResponse().getContentAsString()).select(".token").text();
		assertThat(after).matches("[0-9A-F]{48}").isNotEqualTo(before);
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.mvc.perform(post("/instances/{id}/token/rotate", id).session(session).with(csrf())
			.header("Referer", "http://localhost/")).andReturn().getResponse().getRedirectedUrl())
			.startsWith("/security/confirm");
	}

	@Test
	void whenPasswordIsStaleThenSettingUpAnAuthenticatorAsksForItFirst() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		this.clock.advance(Duration.ofMinutes(11));
		// The page that creates the key asks too: a stale session must not see the key its owner will enroll.
		assertThat(this.mvc.perform(get("/security/two-factor/setup").session(session)).andReturn().getResponse()
			.getRedirectedUrl()).isEqualTo("/security/confirm?continue=/security/two-factor/setup");
		MvcResult asked = this.mvc.perform(post("/security/two-factor/setup").session(session).with(csrf())
			.header("Referer", "http://localhost/security/two-factor/setup").param("code", "123456")).andReturn();
		assertThat(asked.getResponse().getRedirectedUrl()).isEqualTo("/security/confirm?continue=/security/two-factor/setup");
		MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(session).with(csrf())
			.param("continue", "/security/two-factor/setup").param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/security/two-factor/setup");
		assertThat(this.journey.enableTwoFactor(session).recoveryCodes()).hasSize(10);
	}

	@Test
	void whenPasswordIsGuessedOnTheRecheckPageThenItIsThrottledLikeTheSignIn() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
				.param("password", "guess number " + i));
		}
		MvcResult right = this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(right.getResponse().getStatus()).as("refused during the wait, even when right, and told to wait")
			.isEqualTo(429);
		this.clock.advance(Duration.ofSeconds(31));
		MvcResult later = this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(later.getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenTwoFactorOffThenThePasswordIsAskedAgain() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		String id = createInstance(session);
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(reveal(session, id).getResponse().getRedirectedUrl()).startsWith("/security/confirm");
		assertThat(this.journey.page("/security/confirm?continue=/", session).getElementById("password")).isNotNull();
		MvcResult wrong = this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("password", "not my password")).andReturn();
		assertThat(wrong.getResponse().getStatus()).isEqualTo(200);
		MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(session).with(csrf())
			.param("continue", "/").param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(reveal(session, id).getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void whenContinueLeadsElsewhereThenItStaysOnThisSite() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		for (String next : new String[] { "//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)" }) {
			MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(session).with(csrf())
				.param("continue", next).param("password", WebJourney.PASSWORD)).andReturn();
			assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/security");
		}
	}

	private String createInstance(MockHttpSession session) throws Exception {
		this.mvc.perform(post("/instances").session(session).with(csrf()).param("name", "Shop"));
		return this.journey.page("/", session).selectFirst(".instance-id").text();
	}

	private MvcResult reveal(MockHttpSession session, String id) throws Exception {
		return this.mvc.perform(post("/instances/{id}/token", id).session(session).with(csrf())
			.header("Referer", "http://localhost/")).andReturn();
	}

}
