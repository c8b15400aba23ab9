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
 * The second step says who is signing in, and warns before a pause: from the third wrong code in
 * a row, how many are left and how long the pause will be; the pause page gives the exact wait and
 * the way round it (a recovery code).
 */
class SecondStepHelpTest extends JourneyTest {

	@Test
	void whenTheCodeIsAskedForThenThePageSaysWhichAccountAndOffersToSignOut() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		for (String step : new String[] { "/login/totp", "/login/recovery" }) {
			Document page = this.journey.page(step, session);
			assertThat(page.getElementById("signing-in-as").text()).isEqualTo("Signing in to Z-API as u•••@example.com.")
				.doesNotContain(this.email);
			assertThat(page.select("form[action=/logout] #not-you").text()).isEqualTo("Not you? Sign out");
			assertThat(page.getElementById("attempts-warning")).isNull();
		}
		assertThat(enrolled.secret()).isNotEmpty();
	}

	@Test
	void whenCodesAreWrongThenFromTheThirdThePageCountsDownToThePause() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		String wrong = this.journey.wrongCode(enrolled.secret());
		assertThat(warning(this.journey.submitCode(session, wrong))).isNull();
		assertThat(warning(this.journey.submitCode(session, wrong))).isNull();
		assertThat(warning(this.journey.submitCode(session, wrong)))
			.isEqualTo("Careful: 2 more wrong codes and sign-in pauses for 30 seconds.");
		assertThat(warning(this.journey.submitCode(session, wrong)))
			.isEqualTo("Careful: another wrong code pauses sign-in for 30 seconds.");
		assertThat(this.journey.page("/login/recovery", session).getElementById("attempts-warning").text())
			.as("the recovery page shares the count").contains("another wrong code");

		MvcResult paused = this.journey.submitCode(session, wrong);
		assertThat(paused.getResponse().getStatus()).isEqualTo(429);
		Document page = Jsoup.parse(paused.getResponse().getContentAsString());
		assertThat(page.getElementById("throttled-message").text()).isEqualTo("Too many attempts. Try again in 30 seconds.");
		assertThat(page.select("#throttled-recovery a[href=/login]")).hasSize(1);

		// After the pause, the next wrong code would pause for a minute: the page says so.
		this.clock.advance(Duration.ofSeconds(31));
		MockHttpSession again = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.page("/login/totp", again).getElementById("attempts-warning").text())
			.isEqualTo("Careful: another wrong code pauses sign-in for 1 minute.");
		MvcResult longer = this.journey.submitCode(again, wrong);
		assertThat(longer.getResponse().getHeader("Retry-After")).isEqualTo("60");
		assertThat(Jsoup.parse(longer.getResponse().getContentAsString()).getElementById("throttled-message").text())
			.isEqualTo("Too many attempts. Try again in 1 minute.");
	}

	@Test
	void whenTheWaitIsNotWholeMinutesThenThePageSaysItExactly() {
		java.util.Map<String, Object> shown = io.zdash.support.Backoff.onPage(Duration.ofSeconds(102));
		assertThat(shown).containsEntry("minutes", 1L).containsEntry("remainder", 42L);
	}

	private static String warning(MvcResult result) throws Exception {
		var element = Jsoup.parse(result.getResponse().getContentAsString()).getElementById("attempts-warning");
		return (element != null) ? element.text() : null;
	}

}
