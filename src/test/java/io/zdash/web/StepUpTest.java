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
		assertThat(reveal(session, id).getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(shownToken(session)).matches("[0-9A-F]{48}");
	}

	@Test
	void whenCodeOlderThanTenMinutesThenSensitiveActionsAskForANewOneAndComeBack() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signInWithCode(this.email, enrolled.secret());
		String id = createInstance(session);
		this.clock.advance(Duration.ofMinutes(11));

		MvcResult asked = reveal(session, id);
		assertThat(asked.getResponse().getRedirectedUrl()).isEqualTo("/security/confirm?continue=/&action=/instances/" + id + "/token");
		for (String action : new String[] { "/security/two-factor/disable", "/security/recovery-codes" }) {
			assertThat(this.mvc.perform(post(action).session(session).with(csrf()).header("Referer", "http://localhost/security")
				.param("password", WebJourney.PASSWORD).param("code", "123456")).andReturn().getResponse().getRedirectedUrl())
				.isEqualTo("/security/confirm?continue=/security&action=" + action);
		}
		assertThat(this.journey.page("/security/confirm?continue=/", session).getElementById("code")).isNotNull();

		MvcResult wrong = this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("code", "not a code")).andReturn();
		assertThat(Jsoup.parse(wrong.getResponse().getContentAsString()).select(".error").text()).isNotBlank();

		MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(session).with(csrf())
			.param("continue", "/").param("code", this.journey.currentCode(enrolled.secret()))).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(reveal(session, id).getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(shownToken(session)).matches("[0-9A-F]{48}");
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
	void whenARevealAsksForARecheckThenThePageNamesItAndAfterwardsSaysItCanBeDoneWithTheButtonFocused()
			throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		this.mvc.perform(post("/instances").session(session).with(csrf()).param("name", "Shop"));
		String id = this.journey.page("/", session).select("code.instance-id").text();
		this.clock.advance(Duration.ofMinutes(11));

		MvcResult asked = this.mvc.perform(post("/instances/" + id + "/token").session(session).with(csrf())
			.header("Referer", "http://localhost/")).andReturn();
		assertThat(asked.getResponse().getRedirectedUrl())
			.isEqualTo("/security/confirm?continue=/&action=/instances/" + id + "/token");
		org.jsoup.nodes.Document page = this.journey.page(asked.getResponse().getRedirectedUrl(), session);
		assertThat(page.getElementById("confirm-action")).as(page.select("main").html()).isNotNull();
		assertThat(page.getElementById("confirm-action").text()).isEqualTo("You are about to reveal an instance token.");
		assertThat(page.select("input[name=action]").val()).isEqualTo("/instances/" + id + "/token");

		MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("action", "/instances/" + id + "/token").param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/");
		org.jsoup.nodes.Document back = this.journey.page("/", session);
		assertThat(back.getElementById("confirmed").text()).isEqualTo("Confirmed — you can now reveal an instance token.");
		assertThat(back.getElementById("main").attr("data-focus-action")).isEqualTo("/instances/" + id + "/token");
		assertThat(back.select("form[action=/instances/" + id + "/token]")).hasSize(1);
	}

	@Test
	void whenTheRecheckIsGivenAnActionThatIsNotOneThenItNamesNothing() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		for (String forged : new String[] { "https://evil.example/x", "/instances/x/rename", "/login", "%00", "x".repeat(500) }) {
			org.jsoup.nodes.Document page = this.journey.page("/security/confirm?continue=/&action="
					+ java.net.URLEncoder.encode(forged, java.nio.charset.StandardCharsets.UTF_8), session);
			assertThat(page.getElementById("confirm-action")).as(forged).isNull();
			assertThat(page.select("input[name=action]")).as(forged).isEmpty();
		}
		MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("action", "/login").param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(this.journey.page("/", session).getElementById("confirmed")).isNull();
	}

	@Test
	void whenTokenRotatedThenTheOldOneIsGoneAndAStaleCheckAsksFirst() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		String id = createInstance(session);
		reveal(session, id);
		String before = shownToken(session);
		MvcResult rotated = this.mvc.perform(post("/instances/{id}/token/rotate", id).session(session).with(csrf())
			.header("Referer", "http://localhost/")).andReturn();
		assertThat(rotated.getResponse().getRedirectedUrl()).isEqualTo("/");
		String after = shownToken(session);
		assertThat(shownToken(session)).as("a reload shows it masked again").isEmpty();
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
		assertThat(reveal(session, id).getResponse().getRedirectedUrl()).isEqualTo("/");
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

	/** The token the dashboard shows unmasked (the one a reveal or rotation asked for), or "". */
	private String shownToken(MockHttpSession session) throws Exception {
		return this.journey.page("/", session).select("button[data-copy]").attr("data-copy");
	}

	private MvcResult reveal(MockHttpSession session, String id) throws Exception {
		return this.mvc.perform(post("/instances/{id}/token", id).session(session).with(csrf())
			.header("Referer", "http://localhost/")).andReturn();
	}

}
