package io.zdash.twofactor;

import java.time.Duration;
import java.util.List;

import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.JourneyTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Enrollment, the second sign-in step, recovery codes and turning 2FA off, through the real pages. */
class TwoFactorSignInTest extends JourneyTest {

	@Test
	void whenSetupPageShownThenQrAndKeyAreOfOneFreshSecretAndNotCached() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		MvcResult result = this.mvc.perform(get("/security/two-factor/setup").session(session))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
			.andReturn();
		Document page = Jsoup.parse(result.getResponse().getContentAsString());
		String key = page.getElementById("totp-secret").text().replace(" ", "");
		assertThat(Base32Of(key)).hasSize(20);
		assertThat(page.getElementById("totp-qr").selectFirst("svg")).isNotNull();
		// Reloading shows the same key until it expires; 2FA stays off meanwhile.
		assertThat(this.journey.page("/security/two-factor/setup", session).getElementById("totp-secret").text().replace(" ", ""))
			.isEqualTo(key);
		assertThat(statusText(session)).contains("off");
		this.clock.advance(Duration.ofMinutes(16));
		// The page that creates a key needs a recent password: confirm it, then the expired key is replaced.
		this.mvc.perform(post("/security/confirm").session(session).with(csrf())
			.param("continue", "/security/two-factor/setup").param("password", WebJourney.PASSWORD));
		assertThat(this.journey.page("/security/two-factor/setup", session).getElementById("totp-secret").text().replace(" ", ""))
			.isNotEqualTo(key);
	}

	@Test
	void whenWrongCodeDuringSetupThenTwoFactorStaysOff() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		Document setup = this.journey.page("/security/two-factor/setup", session);
		byte[] secret = Base32Of(setup.getElementById("totp-secret").text());
		String wrong = this.journey.wrongCode(secret);
		MvcResult result = this.mvc
			.perform(post("/security/two-factor/setup").session(session).with(csrf()).param("code", wrong))
			.andExpect(status().isOk())
			.andReturn();
		Document page = Jsoup.parse(result.getResponse().getContentAsString());
		assertThat(page.select(".error").text()).contains("not right");
		assertThat(page.select(".recovery-code")).isEmpty();
		assertThat(credentialCount()).isZero();
	}

	@Test
	void whenCodesNotConfirmedSavedThenTwoFactorStaysOffAndNewCodesAreShown() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		byte[] secret = Base32Of(this.journey.page("/security/two-factor/setup", session).getElementById("totp-secret").text());
		MvcResult verified = this.mvc
			.perform(post("/security/two-factor/setup").session(session).with(csrf()).param("code",
					this.journey.currentCode(secret)))
			.andReturn();
		assertThat(verified.getResponse().getRedirectedUrl()).isEqualTo("/security/two-factor/setup/codes");
		List<String> first = this.journey.page("/security/two-factor/setup/codes", session).select(".recovery-code").eachText();
		// A reload, or the language switch, shows the same codes: nothing is resubmitted or replaced.
		assertThat(this.journey.page("/security/two-factor/setup/codes?lang=pt-BR", session).select(".recovery-code")
			.eachText()).isEqualTo(first);
		MvcResult unticked = this.mvc.perform(post("/security/two-factor/setup/confirm").session(session).with(csrf()))
			.andReturn();
		assertThat(unticked.getResponse().getRedirectedUrl()).isEqualTo("/security/two-factor/setup/codes");
		org.jsoup.nodes.Document again = this.journey.page("/security/two-factor/setup/codes?lang=en", session);
		List<String> second = again.select(".recovery-code").eachText();
		assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);
		assertThat(again.select(".error").text()).isNotBlank();
		assertThat(credentialCount()).isZero();
		// Abandoned here: signing in again needs only the password.
		MockHttpSession later = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.mvc.perform(get("/").session(later)).andExpect(status().isOk());
	}

	@Test
	void whenTwoFactorOnThenPasswordAloneReachesNothing() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.mvc.perform(get("/").session(session))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", org.hamcrest.Matchers.containsString("/login/totp")));
		this.mvc.perform(get("/security").session(session)).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/instances").session(session)).andExpect(status().isUnauthorized());
		Document codePage = this.journey.page("/login/totp", session);
		assertThat(codePage.text()).contains("Enter the 6-digit code from your authenticator app");
		assertThat(codePage.getElementById("use-recovery").attr("href")).isEqualTo("/login/recovery");

		this.journey.nextStep();
		MvcResult accepted = this.journey.submitCode(session, this.journey.currentCode(enrolled.secret()));
		// On to the page asked for before the code.
		assertThat(accepted.getResponse().getRedirectedUrl()).contains("/security");
		this.mvc.perform(get("/").session(session)).andExpect(status().isOk());
		this.mvc.perform(get("/api/instances").session(session)).andExpect(status().isOk());
	}

	@Test
	void whenPasswordOfAnEnrolledAccountThenStraightToTheCodeStepAndAfterItThePageFirstAskedFor() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(get("/instances").session(session)).andExpect(status().is3xxRedirection());
		this.mvc.perform(post("/login").session(session).with(csrf()).param("email", this.email)
				.param("password", WebJourney.PASSWORD))
			.andExpect(header().string("Location", "/login/totp"));

		this.journey.nextStep();
		MvcResult accepted = this.journey.submitCode(session, this.journey.currentCode(enrolled.secret()));
		assertThat(accepted.getResponse().getRedirectedUrl()).startsWith("/instances");
	}

	@Test
	void whenPasswordWithoutTwoFactorThenStraightToThePageAskedFor() throws Exception {
		this.journey.signUp(this.email);
		this.mvc.perform(post("/login").session(new MockHttpSession()).with(csrf()).param("email", this.email)
				.param("password", WebJourney.PASSWORD))
			.andExpect(header().string("Location", "/"));
	}

	@Test
	void whenCodeAcceptedOnceThenItIsRefusedInEveryLaterSignIn() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.journey.nextStep();
		String code = this.journey.currentCode(enrolled.secret());
		MockHttpSession first = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(first, code).getResponse().getRedirectedUrl()).endsWith("/");

		MockHttpSession second = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult replay = this.journey.submitCode(second, code);
		assertThat(replay.getResponse().getStatus()).isEqualTo(200);
		assertThat(Jsoup.parse(replay.getResponse().getContentAsString()).select(".error").text()).contains("not right");
		this.mvc.perform(get("/").session(second)).andExpect(status().is3xxRedirection());
	}

	@Test
	void whenTheEnrollmentCodeIsReusedToSignInThenItIsRefused() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		Enrolled enrolled = this.journey.enableTwoFactor(session);
		// Same 30-second step as the code that turned 2FA on.
		MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(next, this.journey.currentCode(enrolled.secret())).getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void whenFiveWrongCodesInARowThenBackToThePasswordStep() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		String wrong = this.journey.wrongCode(enrolled.secret());
		for (int i = 1; i <= 4; i++) {
			assertThat(this.journey.submitCode(session, wrong).getResponse().getStatus()).as("attempt " + i).isEqualTo(200);
		}
		MvcResult fifth = this.journey.submitCode(session, wrong);
		assertThat(fifth.getResponse().getStatus()).isEqualTo(429);
		assertThat(fifth.getResponse().getHeader("Retry-After")).isEqualTo("30");
		assertThat(Jsoup.parse(fifth.getResponse().getContentAsString()).getElementById("throttled-message").text())
			.isEqualTo("Too many attempts. Try again in 30 seconds.");
		this.mvc.perform(get("/login/totp").session(session)).andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
	}

	@Test
	void whenRecoveryCodeUsedThenItWorksOnceAndTheCountDrops() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		String code = enrolled.recoveryCodes().get(3);
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.page("/login/recovery", session).getElementById("code")).isNotNull();
		MvcResult used = this.journey.submitRecoveryCode(session, code.toLowerCase().replace("-", " "));
		assertThat(used.getResponse().getRedirectedUrl()).endsWith("/");
		Document dashboard = this.journey.page("/", session);
		assertThat(dashboard.select(".notice").text()).contains("9");
		assertThat(this.journey.page("/security", session).getElementById("recovery-remaining").text()).contains("9");

		MockHttpSession again = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult reused = this.journey.submitRecoveryCode(again, code);
		assertThat(reused.getResponse().getStatus()).isEqualTo(200);
		assertThat(Jsoup.parse(reused.getResponse().getContentAsString()).select(".error").text()).contains("already used");
	}

	@Test
	void whenRecoveryCodesRegeneratedThenPasswordIsNeededAndOldCodesDie() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		Enrolled enrolled = this.journey.enableTwoFactor(session);
		MvcResult refused = this.mvc
			.perform(post("/security/recovery-codes").session(session).with(csrf()).param("password", "wrong password!!"))
			.andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/security");
		this.journey.page("/security", session);
		MvcResult regenerated = this.mvc
			.perform(post("/security/recovery-codes").session(session).with(csrf()).param("password", WebJourney.PASSWORD))
			.andReturn();
		assertThat(regenerated.getResponse().getRedirectedUrl()).isEqualTo("/security/recovery-codes/new");
		org.jsoup.nodes.Document sheet = this.journey.page("/security/recovery-codes/new", session);
		List<String> fresh = sheet.select(".recovery-code").eachText();
		// The printed sheet and the download say whose codes they are, for which site, from when.
		assertThat(sheet.getElementById("codes-heading").text()).startsWith("Z-API recovery codes for " + this.email)
			.contains("http")
			.containsPattern("\\d{4}-\\d{2}-\\d{2}");
		assertThat(java.net.URLDecoder.decode(sheet.getElementById("download-codes").attr("href"),
				java.nio.charset.StandardCharsets.UTF_8)).contains(this.email).contains(fresh.get(0));
		assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolled.recoveryCodes());
		// Reloaded or re-translated: the same codes, not another set, and nothing in the session table in clear.
		assertThat(this.journey.page("/security/recovery-codes/new?lang=pt-BR", session).select(".recovery-code").eachText())
			.isEqualTo(fresh);
		String sessions = this.jdbc.sql("select attribute_bytes from spring_session_attributes").query((rs, n) ->
				new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).list().toString();
		for (String code : fresh) {
			assertThat(sessions).doesNotContain(code).doesNotContain(code.replace("-", ""));
		}
		// Back on the Security page, they are done with: the page no longer shows them.
		this.journey.page("/security", session);
		assertThat(this.mvc.perform(get("/security/recovery-codes/new").session(session)).andReturn().getResponse()
			.getRedirectedUrl()).isEqualTo("/security");

		MockHttpSession old = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitRecoveryCode(old, enrolled.recoveryCodes().get(0)).getResponse().getStatus())
			.isEqualTo(200);
		assertThat(this.journey.submitRecoveryCode(old, fresh.get(0)).getResponse().getRedirectedUrl()).endsWith("/");
	}

	@Test
	void whenDisabledWithPasswordAndCodeThenSignInIsPasswordOnlyAndSecretIsGone() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		Enrolled enrolled = this.journey.enableTwoFactor(session);
		this.journey.nextStep();
		String code = this.journey.currentCode(enrolled.secret());
		// Wrong password: nothing changes, even with a right code.
		this.mvc.perform(post("/security/two-factor/disable").session(session).with(csrf())
			.param("password", "not my password at all").param("code", code)).andExpect(status().is3xxRedirection());
		assertThat(credentialCount()).isOne();
		// A recovery code alone (without the password) is refused as well.
		this.mvc.perform(post("/security/two-factor/disable").session(session).with(csrf())
			.param("password", "").param("code", enrolled.recoveryCodes().get(0))).andExpect(status().is3xxRedirection());
		assertThat(credentialCount()).isOne();

		MvcResult disabled = this.mvc.perform(post("/security/two-factor/disable").session(session).with(csrf())
			.param("password", WebJourney.PASSWORD).param("code", code)).andReturn();
		assertThat(disabled.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(credentialCount()).isZero();
		assertThat(this.jdbc.sql("select count(*) from recovery_code rc join account a on a.id = rc.account_id where a.email = ?")
			.param(this.email).query(Long.class).single()).isZero();

		MockHttpSession passwordOnly = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.mvc.perform(get("/").session(passwordOnly)).andExpect(status().isOk());
	}

	@Test
	void whenDisabledWithRecoveryCodeAndPasswordThenOff() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		Enrolled enrolled = this.journey.enableTwoFactor(session);
		this.mvc.perform(post("/security/two-factor/disable").session(session).with(csrf())
			.param("password", WebJourney.PASSWORD).param("code", enrolled.recoveryCodes().get(5)))
			.andExpect(status().is3xxRedirection());
		assertThat(credentialCount()).isZero();
	}

	@Test
	void whenHalfSignedInLongerThanFiveMinutesThenStartOver() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.clock.advance(Duration.ofMinutes(6));
		MvcResult late = this.journey.submitCode(session, this.journey.currentCode(enrolled.secret()));
		assertThat(late.getResponse().getRedirectedUrl()).isEqualTo("/login?expired");
	}

	private long credentialCount() {
		return this.jdbc.sql("select count(*) from totp_credential c join account a on a.id = c.account_id where a.email = ?")
			.param(this.email)
			.query(Long.class)
			.single();
	}

	private String statusText(MockHttpSession session) throws Exception {
		return this.journey.page("/security", session).getElementById("two-factor-status").text();
	}

	private static byte[] Base32Of(String text) {
		return io.zdash.support.Base32.decode(text);
	}

}
