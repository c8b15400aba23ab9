package io.zdash.web;

import java.util.Map;
import java.util.stream.Stream;

import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.JourneyTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Empty, huge, malformed, non-ASCII and hostile values in every form field: each gets a clear
 * message on the page (never a 5xx) and stored state does not change.
 */
class BadInputTest extends JourneyTest {

	static Stream<String> badCodes() {
		return Stream.of("", "   ", "x".repeat(10_240), "abcdef", "+12345", "-12345", "٠١٢٣٤٥", "１２３４５６", "12345",
				"1234567", "<script>alert(1)</script>", "' or 1=1 --", "\u0000\u0001", "%00");
	}

	static Stream<String> badPasswords() {
		return Stream.of("", "   ", " ".repeat(12), "x".repeat(10_240), "abcdef", "٠١٢٣٤٥", "password1234", "123456789012",
				"a".repeat(129), "\u0000".repeat(12));
	}

	static Stream<String> badEmails() {
		return Stream.of("", "   ", "a".repeat(10_240) + "@example.com", "not-an-email", "a b@example.com",
				"<script>@x.com", "\u0000@example.com");
	}

	@ParameterizedTest
	@MethodSource("badCodes")
	void whenBadCodeAtSecondStepThenMessageAndNothingCounted(String code) throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.enableTwoFactor(this.journey.signUpAndSignIn(email));
		Map<String, Object> before = credential(email);
		MockHttpSession session = this.journey.signIn(email, WebJourney.PASSWORD);
		MvcResult result = this.journey.submitCode(session, code);
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(errorText(result)).contains("exactly 6 digits");
		assertThat(credential(email)).isEqualTo(before);
	}

	@ParameterizedTest
	@MethodSource("badCodes")
	void whenBadRecoveryCodeThenMessageAndNothingUsed(String code) throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.enableTwoFactor(this.journey.signUpAndSignIn(email));
		MockHttpSession session = this.journey.signIn(email, WebJourney.PASSWORD);
		MvcResult result = this.journey.submitRecoveryCode(session, code);
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(errorText(result)).isNotBlank();
		assertThat(unusedRecoveryCodes(email)).isEqualTo(10);
	}

	@ParameterizedTest
	@MethodSource("badCodes")
	void whenBadCodeDuringSetupThenMessageAndStillOff(String code) throws Exception {
		String email = WebJourney.uniqueEmail();
		MockHttpSession session = this.journey.signUpAndSignIn(email);
		this.journey.page("/security/two-factor/setup", session);
		MvcResult result = this.mvc.perform(post("/security/two-factor/setup").session(session).with(csrf()).param("code", code))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as("the QR step again, with the message").isEqualTo(200);
		assertThat(errorText(result)).contains("exactly 6 digits");
		assertThat(credential(email)).isEmpty();
	}

	@Test
	void whenAHugePasswordIsSentToDisableThenRefusedBeforeItIsCheckedOrCounted() throws Exception {
		String email = WebJourney.uniqueEmail();
		MockHttpSession session = this.journey.signUpAndSignIn(email);
		this.journey.enableTwoFactor(session);
		Map<String, Object> before = credential(email);
		MvcResult result = this.mvc.perform(post("/security/two-factor/disable").session(session).with(csrf())
			.param("password", "x".repeat(10_000)).param("code", "123456")).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(this.journey.page("/security", session).select(".error").text()).contains("still on");
		assertThat(credential(email)).isEqualTo(before);
		assertThat(this.jdbc.sql("select count(*) from attempt_gate where kind = 'PASSWORD' and gate_key = ?")
			.param(io.zdash.support.Sha256.hex(email)).query(Long.class).single())
			.as("no password attempt was counted for it").isZero();
	}

	@ParameterizedTest
	@MethodSource("badCodes")
	void whenBadCodeToDisableThenMessageAndStillOn(String code) throws Exception {
		String email = WebJourney.uniqueEmail();
		MockHttpSession session = this.journey.signUpAndSignIn(email);
		this.journey.enableTwoFactor(session);
		Map<String, Object> before = credential(email);
		MvcResult result = this.mvc.perform(post("/security/two-factor/disable").session(session).with(csrf())
			.param("password", WebJourney.PASSWORD).param("code", code)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(this.journey.page("/security", session).select(".error").text()).contains("still on");
		assertThat(credential(email)).isEqualTo(before);
	}

	@ParameterizedTest
	@MethodSource("badEmails")
	void whenBadEmailAtSignUpThenMessageAndNoAccount(String email) throws Exception {
		long accounts = accountCount();
		MvcResult result = this.mvc.perform(post("/signup").with(csrf()).param("email", email)
			.param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(errorText(result)).contains("valid email");
		org.jsoup.nodes.Document page = Jsoup.parse(result.getResponse().getContentAsString());
		assertThat(page.select("#email-error[role=alert]")).as("announced").hasSize(1);
		assertThat(page.select("#email[autofocus]")).as("the field with the problem has the focus").hasSize(1);
		assertThat(accountCount()).isEqualTo(accounts);
	}

	@ParameterizedTest
	@MethodSource("badPasswords")
	void whenBadPasswordAtSignUpThenReasonAndNoAccount(String password) throws Exception {
		long accounts = accountCount();
		MvcResult result = this.mvc.perform(post("/signup").with(csrf()).param("email", WebJourney.uniqueEmail())
			.param("password", password)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(errorText(result)).isNotBlank();
		org.jsoup.nodes.Document page = Jsoup.parse(result.getResponse().getContentAsString());
		assertThat(page.select("#password-error[role=alert]")).as("announced").hasSize(1);
		assertThat(page.select("#password[autofocus]")).hasSize(1);
		assertThat(page.select("#email[autofocus]")).isEmpty();
		assertThat(accountCount()).isEqualTo(accounts);
	}

	@ParameterizedTest
	@MethodSource("badEmails")
	void whenBadEmailAtSignInThenTheUsualMessage(String email) throws Exception {
		MvcResult result = this.mvc.perform(post("/login").with(csrf()).param("email", email)
			.param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
	}

	@Test
	void whenEmailPaddedAndUpperCaseThenSameAccount() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.signUp("  " + email.toUpperCase() + " ");
		MvcResult result = this.mvc.perform(post("/login").with(csrf()).param("email", " " + email + "  ")
			.param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		long accounts = accountCount();
		MvcResult again = this.mvc.perform(post("/signup").with(csrf()).param("email", email)
			.param("password", "A different passphrase 77")).andReturn();
		// Same answer as for a new email, but nothing is created or changed.
		assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/login?registered");
		assertThat(accountCount()).isEqualTo(accounts);
		assertThat(this.mvc.perform(post("/login").with(csrf()).param("email", email)
			.param("password", WebJourney.PASSWORD)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenEmailIsLongButValidThenSignUpAndSignInWork() throws Exception {
		String email = "a".repeat(110) + "." + WebJourney.uniqueEmail();
		assertThat(email.length()).isGreaterThan(150).isLessThanOrEqualTo(254);
		MockHttpSession session = this.journey.signUpAndSignIn(email);
		assertThat(this.journey.page("/", session).select("h1").text()).isEqualTo("Instances");
	}

	@Test
	void whenCodePaddedWithSpacesThenAccepted() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(email));
		this.journey.nextStep();
		String code = this.journey.currentCode(enrolled.secret());
		MockHttpSession session = this.journey.signIn(email, WebJourney.PASSWORD);
		MvcResult result = this.journey.submitCode(session, "  " + code.substring(0, 3) + " " + code.substring(3) + " ");
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@ParameterizedTest
	@MethodSource("badCodes")
	void whenBadInstanceNameThenMessageAndNothingCreated(String name) throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		MvcResult result = this.mvc.perform(post("/instances").session(session).with(csrf()).param("name", name))
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		org.jsoup.nodes.Document page = this.journey.page("/", session);
		String error = page.select(".error, .field-error").text();
		if (error.isEmpty()) {
			// Some of these are valid names (any printable text): they must come back escaped.
			assertThat(page.outerHtml()).doesNotContain("<script>alert(1)</script>");
			return;
		}
		assertThat(error).contains("name of 1 to 60");
		assertThat(page.select("table.instances")).isEmpty();
	}

	@Test
	void whenUnknownInstanceIdOrHugeIdThenNoError() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		for (String id : new String[] { "nope", "x".repeat(5000), "%00" }) {
			assertThat(this.mvc.perform(post("/instances/{id}/delete", id).session(session).with(csrf())).andReturn()
				.getResponse().getStatus()).isLessThan(500);
			assertThat(this.mvc.perform(post("/instances/{id}/token", id).session(session).with(csrf())).andReturn()
				.getResponse().getStatus()).isLessThan(500);
			assertThat(this.mvc.perform(post("/instances/{id}/rename", id).session(session).with(csrf()).param("name", "ok"))
				.andReturn().getResponse().getStatus()).isLessThan(500);
		}
	}

	private static String errorText(MvcResult result) throws Exception {
		return Jsoup.parse(result.getResponse().getContentAsString()).select(".error, .field-error").text();
	}

	private Map<String, Object> credential(String email) {
		return this.jdbc.sql("""
				select p.secret, p.last_used_step, c.blocked_at,
				       (select g.failures from attempt_gate g
				        where g.kind = 'SECOND_FACTOR' and g.gate_key = cast(a.id as varchar(64))) as failed_attempts
				from totp_credential c join account a on a.id = c.account_id join totp_app p on p.account_id = a.id
				where a.email = ?""").param(email).query().listOfRows()
			.stream().findFirst().orElse(Map.of());
	}

	private long unusedRecoveryCodes(String email) {
		return this.jdbc.sql("""
				select count(*) from recovery_code r join account a on a.id = r.account_id
				where a.email = ? and r.active and r.used_at is null""").param(email).query(Long.class).single();
	}

	private long accountCount() {
		return this.jdbc.sql("select count(*) from account").query(Long.class).single();
	}

}
