package io.zdash.twofactor;

import java.time.Duration;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A right code from a phone whose clock is off is still refused and counted, but the page says
 * what is wrong, and the owner's log records it.
 */
class ClockDriftTest extends JourneyTest {

	private static final TotpGenerator TOTP = TotpGenerator.AUTHENTICATOR_APPS;

	@Test
	void whenThePhoneIsThreeMinutesBehindThenTheCodeIsRefusedAndThePageSaysSo() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		long stepBefore = lastUsedStep();
		MvcResult refused = this.journey.submitCode(session, codeIn(enrolled, Duration.ofMinutes(-3)));
		assertThat(refused.getResponse().getStatus()).isEqualTo(200);
		Document page = Jsoup.parse(refused.getResponse().getContentAsString());
		assertThat(page.getElementById("clock-warning").text())
			.isEqualTo("Your phone's clock seems to be about 3 minutes behind. Turn on automatic date and time on your "
					+ "phone, then try the newest code.");
		assertThat(failures()).as("counted like any wrong code").isEqualTo(1);
		assertThat(lastUsedStep()).as("never recorded as used").isEqualTo(stepBefore);
		assertThat(this.jdbc.sql("select detail from security_event where type = 'CLOCK_DRIFT_SUSPECTED' and account_id = "
				+ "(select id from account where email = ?)").param(this.email).query(String.class).list())
			.containsExactly("offsetSeconds=-180");
		// Still the account's to sign in with the right code (a step after the one that set it up).
		this.journey.nextStep();
		assertThat(this.journey.submitCode(session, this.journey.currentCode(enrolled.secret())).getResponse()
			.getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenTheCodeIsOfAFutureStepThenNothingIsSaidOfItAndLaterItIsStillRefused() throws Exception {
		// Saying "your phone is ahead" would tell a guesser that this wrong code will work in 3 minutes.
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		String future = codeIn(enrolled, Duration.ofMinutes(3));
		Document page = Jsoup.parse(this.journey.submitCode(session, future).getResponse().getContentAsString());
		assertThat(page.getElementById("clock-warning")).isNull();
		assertThat(page.select(".error").text()).contains("not right");
		assertThat(this.jdbc.sql("select count(*) from security_event where type = 'CLOCK_DRIFT_SUSPECTED' and account_id = "
				+ "(select id from account where email = ?)").param(this.email).query(Long.class).single()).isZero();
	}

	@Test
	void whenThePhoneIsBehindThenThePageSaysBehindInEitherLanguage() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult refused = this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/login/totp").session(session)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.header("Accept-Language", "pt-BR").param("code", codeIn(enrolled, Duration.ofMinutes(-5)))).andReturn();
		assertThat(Jsoup.parse(refused.getResponse().getContentAsString()).getElementById("clock-warning").text())
			.startsWith("O relógio do seu celular parece estar cerca de 5 minutos atrasado.");
	}

	@Test
	void whenTheCodeIsFromElevenMinutesAgoThenItIsJustWrong() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		Document page = Jsoup.parse(this.journey.submitCode(session, codeIn(enrolled, Duration.ofMinutes(-11)))
			.getResponse().getContentAsString());
		assertThat(page.getElementById("clock-warning")).isNull();
		assertThat(page.select(".error").text()).contains("not right");
	}

	@Test
	void whenCodesFromAnOffClockKeepComingThenTheyArePausedLikeAnyWrongCode() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		for (int i = 0; i < 4; i++) {
			assertThat(this.journey.submitCode(session, codeIn(enrolled, Duration.ofMinutes(-4))).getResponse().getStatus())
				.isEqualTo(200);
		}
		assertThat(this.journey.submitCode(session, codeIn(enrolled, Duration.ofMinutes(-4))).getResponse().getStatus())
			.isEqualTo(429);
	}

	@Test
	void whenAnAuthenticatorIsSetUpThenThePageShowsTheServersTimeToCompareWith() throws Exception {
		Document setup = this.journey.page("/security/two-factor/setup", this.journey.signUpAndSignIn(this.email));
		var time = setup.selectFirst("#server-time time[datetime][data-seconds]");
		assertThat(time).isNotNull();
		assertThat(java.time.Instant.parse(time.attr("datetime"))).isEqualTo(this.clock.instant());
		assertThat(setup.getElementById("server-time").text()).contains("Time on our server").contains("UTC");
	}

	private String codeIn(Enrolled enrolled, Duration offset) {
		return TOTP.code(enrolled.secret(), TOTP.timeStep(this.clock.instant().plus(offset)));
	}

	private long lastUsedStep() {
		return this.jdbc.sql("select c.last_used_step from totp_app c join account a on a.id = c.account_id where a.email = ?")
			.param(this.email).query(Long.class).single();
	}

	private int failures() {
		return this.jdbc.sql("""
				select g.failures from attempt_gate g join account a on g.gate_key = cast(a.id as varchar(64))
				where g.kind = 'SECOND_FACTOR' and a.email = ?""").param(this.email).query(Integer.class).optional().orElse(0);
	}

}
