package io.zdash.account;

import java.time.Duration;

import jakarta.servlet.http.Cookie;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Finding 3 of the attack report: knowing an email was enough to keep its owner out. With OWASP's
 * device cookies a browser that signed in before is counted on its own, strangers share the email's.
 */
class LockoutByEmailTest extends JourneyTest {

	@Test
	void whenAStrangerPausesTheEmailThenTheOwnersBrowserStillSignsIn() throws Exception {
		this.journey.signUp(this.email);
		Cookie device = signIn(this.email, WebJourney.PASSWORD, null).getResponse().getCookie(DeviceCookies.NAME);
		assertThat(device).isNotNull();
		assertThat(device.isHttpOnly()).isTrue();
		assertThat(device.getPath()).isEqualTo("/login");
		for (int i = 1; i <= 5; i++) {
			signIn(this.email, "a stranger's guess " + i, null);
		}
		assertThat(signIn(this.email, WebJourney.PASSWORD, null).getResponse().getStatus())
			.as("a new browser, even with the right password, waits").isEqualTo(429);

		MvcResult owner = signIn(this.email, WebJourney.PASSWORD, device);
		assertThat(owner.getResponse().getRedirectedUrl()).isEqualTo("/");
		Cookie renewed = owner.getResponse().getCookie(DeviceCookies.NAME);
		assertThat(renewed.getValue()).isNotEqualTo(device.getValue());
		assertThat(signIn(this.email, WebJourney.PASSWORD, device).getResponse().getStatus())
			.as("the cookie it replaced is a stranger's now").isEqualTo(429);
		assertThat(signIn(this.email, WebJourney.PASSWORD, renewed).getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenATrustedBrowserGuessesThenOnlyItWaitsAndAfterElevenItIsAStranger() throws Exception {
		this.journey.signUp(this.email);
		Cookie device = signIn(this.email, WebJourney.PASSWORD, null).getResponse().getCookie(DeviceCookies.NAME);
		for (int i = 1; i <= 4; i++) {
			assertThat(signIn(this.email, "guess " + i, device).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		}
		assertThat(signIn(this.email, "guess 5", device).getResponse().getStatus()).isEqualTo(429);
		assertThat(emailFailures()).as("the email's own count is untouched").isZero();
		assertThat(signIn(this.email, WebJourney.PASSWORD, null).getResponse().getRedirectedUrl())
			.as("another browser is not held by this one's guesses").isEqualTo("/");

		Cookie stolen = device;
		for (int i = 6; i <= 11; i++) {
			this.clock.advance(Duration.ofHours(1));
			signIn(this.email, "guess " + i, stolen);
		}
		assertThat(this.jdbc.sql("select count(*) from device_cookie where token_hash = ?")
			.param(io.zdash.support.Sha256.hex(stolen.getValue())).query(Long.class).single())
			.as("forgotten after more than ten").isZero();
		this.clock.advance(Duration.ofHours(1));
		signIn(this.email, "guess 12", stolen);
		assertThat(emailFailures()).as("from then on it counts with the strangers").isEqualTo(1);
	}

	@Test
	void whenTheCookieIsForgedOrAnotherAccountsThenTheBrowserIsAStranger() throws Exception {
		this.journey.signUp(this.email);
		String other = WebJourney.uniqueEmail();
		this.journey.signUp(other);
		Cookie othersDevice = signIn(other, WebJourney.PASSWORD, null).getResponse().getCookie(DeviceCookies.NAME);
		for (int i = 1; i <= 5; i++) {
			signIn(this.email, "a stranger's guess " + i, null);
		}
		assertThat(signIn(this.email, WebJourney.PASSWORD, othersDevice).getResponse().getStatus()).isEqualTo(429);
		Cookie wellFormed = new Cookie(DeviceCookies.NAME, "A".repeat(43) + "." + "B".repeat(43));
		assertThat(signIn(this.email, WebJourney.PASSWORD, wellFormed).getResponse().getStatus())
			.as("well-formed tokens nobody issued").isEqualTo(429);
		Cookie forged = new Cookie(DeviceCookies.NAME, "A".repeat(43) + "." + "x".repeat(5000));
		assertThat(signIn(this.email, WebJourney.PASSWORD, forged).getResponse().getStatus()).isEqualTo(429);
		assertThat(signIn(this.email, WebJourney.PASSWORD, new Cookie(DeviceCookies.NAME, "ä\u202e;..")).getResponse()
			.getStatus()).isEqualTo(429);
	}

	@Test
	void whenTwoAccountsSignInOnOneBrowserThenItIsTrustedForBoth() throws Exception {
		this.journey.signUp(this.email);
		String other = WebJourney.uniqueEmail();
		this.journey.signUp(other);
		Cookie first = signIn(this.email, WebJourney.PASSWORD, null).getResponse().getCookie(DeviceCookies.NAME);
		Cookie both = signIn(other, WebJourney.PASSWORD, first).getResponse().getCookie(DeviceCookies.NAME);
		assertThat(both.getValue().split("\\.")).hasSize(2).contains(first.getValue());
		for (String token : both.getValue().split("\\.")) {
			assertThat(storedHashes(token)).as("the token itself is not stored").isZero();
			assertThat(storedHashes(io.zdash.support.Sha256.hex(token))).as("its hash is").isOne();
		}
		for (int i = 1; i <= 5; i++) {
			signIn(this.email, "a stranger's guess " + i, null);
		}
		assertThat(signIn(this.email, WebJourney.PASSWORD, both).getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenTheEmailIsPausedThenTheSignedInOwnersRecheckIsNotAndItsOwnPauseSaysWait() throws Exception {
		MockHttpSession owner = this.journey.signUpAndSignIn(this.email);
		for (int i = 1; i <= 6; i++) {
			signIn(this.email, "a stranger's guess " + i, null);
		}
		assertThat(recheck(owner, WebJourney.PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/");

		for (int i = 1; i <= 5; i++) {
			recheck(owner, "the owner's typo " + i);
		}
		MvcResult paused = recheck(owner, WebJourney.PASSWORD);
		assertThat(paused.getResponse().getStatus()).isEqualTo(429);
		assertThat(paused.getResponse().getHeader("Retry-After")).isEqualTo("30");
		assertThat(Jsoup.parse(paused.getResponse().getContentAsString()).getElementById("throttled-message").text())
			.contains("Too many attempts").contains("30 seconds").doesNotContain("not correct");
	}

	@Test
	void whenNewRecoveryCodesAreAskedForDuringTheRecheckPauseThenThePageSaysToWait() throws Exception {
		MockHttpSession owner = this.journey.signUpAndSignIn(this.email);
		this.journey.enableTwoFactor(owner);
		this.journey.page("/security", owner);
		for (int i = 1; i <= 5; i++) {
			this.mvc.perform(post("/security/recovery-codes").session(owner).with(csrf()).param("password", "typo " + i));
			// As a browser does: follow the redirect, which shows (and uses up) its message.
			String shown = this.journey.page("/security", owner).select(".error").text();
			assertThat(shown).contains((i < 5) ? "not correct" : "Too many wrong passwords");
		}
		MvcResult paused = this.mvc.perform(post("/security/recovery-codes").session(owner).with(csrf())
			.param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(paused.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(this.journey.page("/security", owner).select(".error").text())
			.contains("Too many wrong passwords in a row. Try again in 1 minute.").doesNotContain("not correct");
	}

	private MvcResult signIn(String email, String password, Cookie device) throws Exception {
		return this.mvc.perform(post("/login").with(csrf()).with(request -> {
			if (device != null) {
				request.setCookies(device);
			}
			return request;
		}).param("email", email).param("password", password)).andReturn();
	}

	private MvcResult recheck(MockHttpSession session, String password) throws Exception {
		return this.mvc.perform(post("/security/confirm").session(session).with(csrf()).param("continue", "/")
			.param("password", password)).andReturn();
	}

	private long storedHashes(String value) {
		return this.jdbc.sql("select count(*) from device_cookie where token_hash = ?").param(value).query(Long.class).single();
	}

	private int emailFailures() {
		return this.jdbc.sql("select failures from attempt_gate where kind = 'PASSWORD' and gate_key = ?")
			.param(PasswordAttempts.key(this.email)).query(Integer.class).optional().orElse(0);
	}

}
