package io.zdash;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.zdash.support.Base32;
import io.zdash.twofactor.TotpGenerator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Drives the real pages through MockMvc the way a person would: sign up, sign in, set up 2FA by
 * reading the key off the page and computing codes like an authenticator app.
 */
public final class WebJourney {

	public static final String PASSWORD = "Tangerine-Lighthouse-9071";

	/** The key and recovery codes of an account whose 2FA was turned on by {@link #enableTwoFactor}. */
	public record Enrolled(byte[] secret, List<String> recoveryCodes) {
	}

	private final MockMvc mvc;

	private final MutableClock clock;

	public WebJourney(MockMvc mvc, MutableClock clock) {
		this.mvc = mvc;
		this.clock = clock;
	}

	private Document securityPageAfterEnrollment;

	/** The Security page as the browser saw it right after the last {@link #enableTwoFactor}. */
	public Document securityPageAfterEnrollment() {
		return this.securityPageAfterEnrollment;
	}

	public static String uniqueEmail() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

	public void signUp(String email) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/signup").with(csrf()).param("email", email).param("password", PASSWORD))
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?registered");
	}

	/** The password step; returns the session, whatever the outcome. */
	public MockHttpSession signIn(String email, String password) throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(post("/login").session(session).with(csrf()).param("email", email).param("password", password))
			.andReturn();
		return session;
	}

	public MockHttpSession signUpAndSignIn(String email) throws Exception {
		signUp(email);
		return signIn(email, PASSWORD);
	}

	public Document page(String url, MockHttpSession session) throws Exception {
		MvcResult result = this.mvc.perform(get(url).session(session)).andReturn();
		assertThat(result.getResponse().getStatus()).as("GET " + url).isEqualTo(200);
		return Jsoup.parse(result.getResponse().getContentAsString());
	}

	/** Configure now → key from the page → code → recovery codes → "I have saved these codes". */
	public Enrolled enableTwoFactor(MockHttpSession session) throws Exception {
		Document setup = page("/security/two-factor/setup", session);
		byte[] secret = Base32.decode(setup.getElementById("totp-secret").text());
		MvcResult verified = this.mvc
			.perform(post("/security/two-factor/setup").session(session).with(csrf()).param("code", currentCode(secret)))
			.andReturn();
		assertThat(verified.getResponse().getRedirectedUrl()).isEqualTo("/security/two-factor/setup/codes");
		List<String> codes = page("/security/two-factor/setup/codes", session)
			.select(".recovery-code")
			.stream()
			.map(Element::text)
			.toList();
		assertThat(codes).hasSize(10);
		MvcResult confirmed = this.mvc
			.perform(post("/security/two-factor/setup/confirm").session(session).with(csrf()).param("saved", "true"))
			.andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/security");
		this.securityPageAfterEnrollment = page("/security", session); // as a browser follows the redirect, using up its message
		return new Enrolled(secret, codes);
	}

	public String currentCode(byte[] secret) {
		TotpGenerator totp = TotpGenerator.AUTHENTICATOR_APPS;
		return totp.code(secret, totp.timeStep(this.clock.instant()));
	}

	/** A well-formed code that is none of those the server accepts around now: a wrong guess. */
	public String wrongCode(byte[] secret) {
		TotpGenerator totp = TotpGenerator.AUTHENTICATOR_APPS;
		long step = totp.timeStep(this.clock.instant());
		List<String> nearby = new java.util.ArrayList<>();
		for (long s = step - 2; s <= step + 2; s++) {
			nearby.add(totp.code(secret, s));
		}
		for (int i = 0;; i++) {
			String candidate = String.format("%06d", (123_456 + i * 7919) % 1_000_000);
			if (!nearby.contains(candidate)) {
				return candidate;
			}
		}
	}

	/** Moves the server's clock to the next 30-second step, as a person waiting for a new code. */
	public void nextStep() {
		this.clock.advance(Duration.ofSeconds(30));
	}

	public MvcResult submitCode(MockHttpSession session, String code) throws Exception {
		return this.mvc.perform(post("/login/totp").session(session).with(csrf()).param("code", code)).andReturn();
	}

	public MvcResult submitRecoveryCode(MockHttpSession session, String code) throws Exception {
		return this.mvc.perform(post("/login/recovery").session(session).with(csrf()).param("code", code)).andReturn();
	}

	/**
	 * Security → Personal access tokens → a new token (30 days) with these scopes, read off the page
	 * that shows it once. The session must have signed in within the step-up window.
	 */
	public String createToken(MockHttpSession session, String name, String... scopes) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/security/tokens").session(session).with(csrf()).param("name", name).param("expiry", "30")
				.param("scopes", scopes))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as("POST /security/tokens").isEqualTo(200);
		Element field = Jsoup.parse(result.getResponse().getContentAsString()).getElementById("new-token");
		assertThat(field).as("the new token on the page").isNotNull();
		return field.attr("value");
	}

	/** Full sign-in of an account with 2FA on, with a fresh code. */
	public MockHttpSession signInWithCode(String email, byte[] secret) throws Exception {
		nextStep();
		MockHttpSession session = signIn(email, PASSWORD);
		MvcResult result = submitCode(session, currentCode(secret));
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		return session;
	}

}
