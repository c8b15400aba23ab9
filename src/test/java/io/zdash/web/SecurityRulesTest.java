package io.zdash.web;

import io.zdash.WebJourney;
import io.zdash.JourneyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who reaches what: anonymous, password only (2FA on), both factors, and the JSON API. */
class SecurityRulesTest extends JourneyTest {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/security", "/security/two-factor/setup" })
	void whenAnonymousThenPagesRedirectToSignIn(String page) throws Exception {
		this.mvc.perform(get(page)).andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", endsWith("/login")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/login/totp", "/login/recovery" })
	void whenAnonymousThenSecondStepRedirectsToThePasswordStep(String page) throws Exception {
		this.mvc.perform(get(page)).andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", endsWith("/login")));
	}

	@Test
	void whenAnonymousThenApiAnswersJson401() throws Exception {
		this.mvc.perform(get("/api/instances")).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void whenPasswordOnlyWithTwoFactorOnThenEveryPageAndApiIsRefused() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.enableTwoFactor(this.journey.signUpAndSignIn(email));
		MockHttpSession half = this.journey.signIn(email, WebJourney.PASSWORD);
		for (String page : new String[] { "/", "/security" }) {
			this.mvc.perform(get(page).session(half)).andExpect(status().is3xxRedirection())
				.andExpect(header().string("Location", containsString("/login/totp")));
		}
		// Open to the password step (for installations that require 2FA), but not to an enrolled account.
		this.mvc.perform(get("/security/two-factor/setup").session(half)).andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", "/security"));
		this.mvc.perform(get("/api/instances").session(half)).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/instances").session(half).with(
				org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("name", "sneaky")).andExpect(status().is3xxRedirection());
	}

	@Test
	void whenPasswordOnlyWithoutTwoFactorThenSignedIn() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.mvc.perform(get("/").session(session)).andExpect(status().isOk());
		this.mvc.perform(get("/api/instances").session(session)).andExpect(status().isOk());
		// Nothing to do on the code page without 2FA.
		this.mvc.perform(get("/login/totp").session(session)).andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", "/"));
	}

	@Test
	void whenPostWithoutCsrfTokenThenRefused() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.mvc.perform(post("/instances").session(session).param("name", "no token")).andExpect(status().isForbidden());
		this.mvc.perform(post("/login").param("email", "a@example.com").param("password", "whatever it is"))
			.andExpect(status().isForbidden());
	}

	@Test
	void whenAnyPageServedThenSecurityHeadersAreSet() throws Exception {
		this.mvc.perform(get("/login")).andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Content-Security-Policy", containsString("object-src 'none'")))
			.andExpect(header().string("Content-Security-Policy", containsString("base-uri 'none'")))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andExpect(header().string("Cache-Control", containsString("no-store")));
	}

	@Test
	void whenSignedOutThenTheSessionIsDead() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.mvc.perform(post("/logout").session(session).with(
				org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(header().string("Location", "/login?signedOut"));
		this.mvc.perform(get("/").session(session)).andExpect(status().is3xxRedirection());
	}

	@Test
	void whenTheErrorPathIsAskedForDirectlyThenItIsNotFoundRatherThanAFailure() throws Exception {
		this.mvc.perform(get("/error")).andExpect(status().isNotFound());
		MockHttpSession session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.mvc.perform(get("/error").session(session).accept(MediaType.APPLICATION_JSON)).andExpect(status().isNotFound());
	}

	@Test
	void whenUnknownPageThenFriendly404() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.mvc.perform(get("/no/such/page").session(session)).andExpect(status().isNotFound());
	}

}
