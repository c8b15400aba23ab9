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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Guessing is bounded per account, in the database, with growing waits, whatever the address. */
class ThrottlingTest extends JourneyTest {

	@Test
	void whenFiveWrongPasswordsFromChangingAddressesThenWaitsGrowAndRightPasswordIsNotEvenChecked() throws Exception {
		this.journey.signUp(this.email);
		for (int i = 1; i <= 4; i++) {
			assertThat(password(this.email, "wrong password " + i, "10.0.0." + i).getResponse().getRedirectedUrl())
				.isEqualTo("/login?error");
		}
		MvcResult fifth = password(this.email, "wrong password 5", "10.0.0.5");
		assertThat(fifth.getResponse().getStatus()).isEqualTo(429);
		assertThat(fifth.getResponse().getHeader("Retry-After")).isEqualTo("30");
		// During the wait even the right password gets the same refusal: nothing is revealed.
		MvcResult locked = password(this.email, WebJourney.PASSWORD, "10.0.0.6");
		assertThat(locked.getResponse().getStatus()).isEqualTo(429);

		this.clock.advance(Duration.ofSeconds(31));
		MvcResult sixth = password(this.email, "wrong password 6", "10.0.0.7");
		assertThat(sixth.getResponse().getHeader("Retry-After")).isEqualTo("60");
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(password(this.email, WebJourney.PASSWORD, "10.0.0.8").getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenUnknownEmailThrottledThenTheAnswerIsTheSameAsForAKnownOne() throws Exception {
		this.journey.signUp(this.email);
		String unknown = WebJourney.uniqueEmail();
		MvcResult known = null;
		MvcResult nobody = null;
		for (int i = 1; i <= 5; i++) {
			known = password(this.email, "wrong password!!", "127.0.0.1");
			nobody = password(unknown, "wrong password!!", "127.0.0.1");
			assertThat(nobody.getResponse().getStatus()).isEqualTo(known.getResponse().getStatus());
			assertThat(nobody.getResponse().getRedirectedUrl()).isEqualTo(known.getResponse().getRedirectedUrl());
		}
		assertThat(nobody.getResponse().getStatus()).isEqualTo(429);
		assertThat(nobody.getResponse().getHeader("Retry-After")).isEqualTo(known.getResponse().getHeader("Retry-After"));
	}

	@Test
	void whenPasswordRightButCodesWrongThenThePasswordNeverResetsTheCodeCounter() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		for (int round = 0; round < 2; round++) {
			MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
			this.journey.submitCode(session, this.journey.wrongCode(enrolled.secret()));
			this.journey.submitCode(session, this.journey.wrongCode(enrolled.secret()));
		}
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult fifth = this.journey.submitCode(session, this.journey.wrongCode(enrolled.secret()));
		assertThat(fifth.getResponse().getStatus()).as(fifth.getResponse().getRedirectedUrl()).isEqualTo(429);
		assertThat(Jsoup.parse(fifth.getResponse().getContentAsString()).getElementById("throttled-message").text())
			.contains("Too many attempts");

		// The wait is enforced on the server: a fresh session right away is refused without a check.
		MockHttpSession impatient = this.journey.signIn(this.email, WebJourney.PASSWORD);
		io.zdash.twofactor.TotpGenerator totp = io.zdash.twofactor.TotpGenerator.AUTHENTICATOR_APPS;
		String nextCode = totp.code(enrolled.secret(), totp.timeStep(this.clock.instant()) + 1);
		assertThat(this.journey.submitCode(impatient, nextCode).getResponse().getStatus()).isEqualTo(429);

		this.clock.advance(Duration.ofSeconds(31));
		this.journey.signInWithCode(this.email, enrolled.secret());
		assertThat(codeFailures()).isZero();
	}

	@Test
	void whenHundredConsecutiveCodeFailuresThenTheAppIsBlockedUntilARecoveryCodeIsUsed() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.jdbc.sql("""
				insert into attempt_gate (kind, gate_key, failures, last_failure_at)
				select 'SECOND_FACTOR', cast(id as varchar(64)), 99, current_timestamp from account where email = ?""")
			.param(this.email).update();
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.journey.submitCode(session, this.journey.wrongCode(enrolled.secret()));

		// The 101st attempt, with the right code: refused, and told why.
		MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult blocked = this.journey.submitCode(next, this.journey.currentCode(enrolled.secret()));
		assertThat(blocked.getResponse().getStatus()).isEqualTo(200);
		assertThat(Jsoup.parse(blocked.getResponse().getContentAsString()).select(".error").text()).contains("blocked");

		assertThat(this.journey.submitRecoveryCode(next, enrolled.recoveryCodes().get(0)).getResponse().getRedirectedUrl())
			.endsWith("/");
		this.journey.signInWithCode(this.email, enrolled.secret());
	}

	@Test
	void whenCodesArePausedThenAValidRecoveryCodeStillSignsInAndAWrongOneIsCounted() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		String wrong = this.journey.wrongCode(enrolled.secret());
		for (int i = 0; i < 5; i++) {
			this.journey.submitCode(session, wrong);
		}
		// Paused now: someone who knows the password cannot keep the owner from the recovery path.
		MockHttpSession guesser = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitRecoveryCode(guesser, "AAAA-BBBB-CCCC-DDDD").getResponse().getStatus())
			.as("a wrong recovery code during the pause").isEqualTo(429);
		assertThat(codeFailures()).as("counted, and the pause grows").isEqualTo(6);
		MockHttpSession owner = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(owner, this.journey.currentCode(enrolled.secret())).getResponse().getStatus())
			.as("an app code is not even checked during the pause").isEqualTo(429);
		MockHttpSession again = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitRecoveryCode(again, enrolled.recoveryCodes().get(0)).getResponse()
			.getRedirectedUrl()).endsWith("/");
		assertThat(codeFailures()).isZero();
	}

	private MvcResult password(String email, String password, String address) throws Exception {
		return this.mvc.perform(post("/login").with(csrf()).with(request -> {
			request.setRemoteAddr(address);
			request.addHeader("X-Forwarded-For", "203.0.113." + address.hashCode() % 200);
			return request;
		}).param("email", email).param("password", password)).andReturn();
	}

	private int codeFailures() {
		return this.jdbc.sql("""
				select g.failures from attempt_gate g join account a on g.gate_key = cast(a.id as varchar(64))
				where g.kind = 'SECOND_FACTOR' and a.email = ?""")
			.param(this.email).query(Integer.class).optional().orElse(0);
	}

}
