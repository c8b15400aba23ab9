package io.zdash.twofactor;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** 28 days after 2FA is turned on, then yearly, the next sign-in first asks about the recovery codes. */
class CheckUpTest extends JourneyTest {

	@Test
	void whenTwoFactorWasTurnedOnAMonthAgoThenTheNextSignInShowsTheCheckUpOnceThenAYearLater() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		assertThat(signInWithCode(enrolled)).as("not yet due").isEqualTo("/");

		turnedOnDaysAgo(29);
		assertThat(signInWithCode(enrolled)).isEqualTo("/security/check-up");
		MockHttpSession session = this.lastSession;
		Document page = this.journey.page("/security/check-up", session);
		assertThat(page.getElementById("checkup-codes").text()).contains("You have 10 unused recovery codes");
		assertThat(page.getElementById("checkup-app").text()).contains("you just used it");
		assertThat(page.select("a#checkup-new-codes[href=/security]")).hasSize(1);

		MvcResult done = this.mvc.perform(post("/security/check-up").session(session).with(csrf())).andReturn();
		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(events()).isOne();
		assertThat(signInWithCode(enrolled)).as("remembered").isEqualTo("/");

		this.jdbc.sql("update totp_credential set checked_up_at = ? where account_id = (select id from account where email = ?)")
			.params(io.zdash.support.SqlTime.utc(this.clock.instant().minus(java.time.Duration.ofDays(366))), this.email).update();
		assertThat(signInWithCode(enrolled)).as("a year later").isEqualTo("/security/check-up");
	}

	@Test
	void whenNoRecoveryCodeIsLeftThenTheCheckUpAsksForNewOnesAndCannotBeWavedAway() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		turnedOnDaysAgo(29);
		this.jdbc.sql("delete from recovery_code where account_id = (select id from account where email = ?)")
			.param(this.email).update();
		assertThat(signInWithCode(enrolled)).isEqualTo("/security/check-up");
		Document page = this.journey.page("/security/check-up", this.lastSession);
		assertThat(page.getElementById("checkup-codes").text()).contains("no unused recovery codes left");
		assertThat(page.getElementById("checkup-done")).isNull();
		assertThat(page.select("a#checkup-new-codes")).hasSize(1);
	}

	@Test
	void whenNoCheckUpIsDueThenItsPageAndItsPostChangeNothing() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		this.journey.enableTwoFactor(session);
		assertThat(this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/security/check-up")
			.session(session)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
		this.mvc.perform(post("/security/check-up").session(session).with(csrf()));
		assertThat(events()).isZero();
	}

	private MockHttpSession lastSession;

	private String signInWithCode(Enrolled enrolled) throws Exception {
		this.journey.nextStep();
		this.lastSession = this.journey.signIn(this.email, WebJourney.PASSWORD);
		return this.journey.submitCode(this.lastSession, this.journey.currentCode(enrolled.secret())).getResponse()
			.getRedirectedUrl();
	}

	private void turnedOnDaysAgo(int days) {
		this.jdbc.sql("update totp_credential set enabled_at = ? where account_id = (select id from account where email = ?)")
			.params(io.zdash.support.SqlTime.utc(this.clock.instant().minus(java.time.Duration.ofDays(days))), this.email).update();
	}

	private long events() {
		return this.jdbc.sql("select count(*) from security_event e join account a on a.id = e.account_id "
				+ "where a.email = ? and e.type = 'CHECK_UP_DONE'").param(this.email).query(Long.class).single();
	}

}
