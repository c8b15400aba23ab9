package io.zdash.account;

import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zdash.JourneyTest;
import io.zdash.Mailbox;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.support.Backoff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * "Forgot password?": a link to a confirmed address sets a new password, ends every session and
 * leaves the second factor as it was; nothing tells whether an address has an account.
 */
class PasswordResetTest extends JourneyTest {

	static final String SUBJECT = "Choose a new password";

	static final String NEW_PASSWORD = "Brand-New-Passphrase-For-Tests-7";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	Mailbox mailbox;

	@BeforeEach
	void mailbox() {
		this.mailbox = new Mailbox(smtp, this.email);
	}

	@Test
	void whenAConfirmedAccountAsksThenItsLinkSetsANewPasswordAndEndsEverySession() throws Exception {
		MockHttpSession session = signUpConfirmedAndSignIn();
		assertThat(forgot(this.email).getResponse().getRedirectedUrl()).isEqualTo("/password/forgot/sent");
		String link = this.mailbox.latestLink(SUBJECT);
		assertThat(link).startsWith("/password/reset?token=");
		assertThat(Mailbox.body(this.mailbox.withSubject(SUBJECT, 1).get(0))).contains("works once")
			.doesNotContain(WebJourney.PASSWORD);

		Document form = this.journey.page(link, new MockHttpSession());
		assertThat(form.getElementById("new-password")).isNotNull();
		assertThat(reset(link, NEW_PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/login?reset");

		assertThat(this.mvc.perform(get("/").session(session)).andReturn().getResponse().getStatus())
			.as("every session ended").isEqualTo(302);
		assertThat(signIn(WebJourney.PASSWORD)).as("the old password").startsWith("/login?error");
		assertThat(signIn(NEW_PASSWORD)).isEqualTo("/");
		assertThat(events("PASSWORD_RESET")).isOne();
		assertThat(this.mailbox.withSubject("Your password was reset", 1)).hasSize(1);
		assertThat(Jsoup.parse(reset(link, "Yet-Another-Passphrase-99").getResponse().getContentAsString())
			.getElementById("reset-invalid")).as("once only").isNotNull();
	}

	@Test
	void whenTwoFactorIsOnThenTheNewPasswordStillNeedsTheCode() throws Exception {
		MockHttpSession session = signUpConfirmedAndSignIn();
		Enrolled enrolled = this.journey.enableTwoFactor(session);
		forgot(this.email);
		reset(this.mailbox.latestLink(SUBJECT), NEW_PASSWORD);

		MockHttpSession again = this.journey.signIn(this.email, NEW_PASSWORD);
		assertThat(this.mvc.perform(get("/").session(again)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login/totp");
		this.journey.nextStep();
		assertThat(this.journey.submitCode(again, this.journey.currentCode(enrolled.secret())).getResponse()
			.getRedirectedUrl()).startsWith("/").doesNotStartWith("/login");
	}

	@Test
	void whenThePasswordIsResetThenTrustedDevicesAreForgotten() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(signUpConfirmedAndSignIn());
		this.journey.nextStep();
		MockHttpSession remembering = this.journey.signIn(this.email, WebJourney.PASSWORD);
		jakarta.servlet.http.Cookie trusted = this.mvc.perform(post("/login/totp").session(remembering).with(csrf())
			.param("code", this.journey.currentCode(enrolled.secret())).param("remember", "true"))
			.andReturn().getResponse().getCookie("ZDASH_TRUSTED");
		assertThat(trusted).isNotNull();
		forgot(this.email);
		reset(this.mailbox.latestLink(SUBJECT), NEW_PASSWORD);

		MockHttpSession again = new MockHttpSession();
		this.mvc.perform(post("/login").session(again).with(csrf()).cookie(trusted).param("email", this.email)
			.param("password", NEW_PASSWORD));
		assertThat(this.mvc.perform(get("/").session(again)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login/totp");
	}

	@Test
	void whenTheAddressIsUnknownUnconfirmedOrConfirmedThenTheAnswerIsTheSameAndOnlyTheConfirmedOneGetsMail()
			throws Exception {
		signUpConfirmedAndSignIn();
		String unconfirmed = WebJourney.uniqueEmail();
		this.journey.signUp(unconfirmed);
		String unknown = WebJourney.uniqueEmail();
		List<MvcResult> answers = List.of(forgot(this.email), forgot(unconfirmed), forgot(unknown));
		for (MvcResult answer : answers) {
			assertThat(answer.getResponse().getStatus()).isEqualTo(302);
			assertThat(answer.getResponse().getRedirectedUrl()).isEqualTo("/password/forgot/sent");
			assertThat(answer.getResponse().getHeaderNames()).isEqualTo(answers.get(0).getResponse().getHeaderNames());
			assertThat(answer.getResponse().getContentAsString()).isEmpty();
		}
		assertThat(this.mailbox.withSubject(SUBJECT, 1)).hasSize(1);
		assertThat(new Mailbox(smtp, unconfirmed).withSubject(SUBJECT, 1)).as("unconfirmed: no link").isEmpty();
		assertThat(new Mailbox(smtp, unknown).withSubject(SUBJECT, 1)).isEmpty();
		Document sent = this.journey.page("/password/forgot/sent", new MockHttpSession());
		assertThat(sent.getElementById("forgot-sent").text()).startsWith("If that address belongs to an account");
	}

	@Test
	void whenTheLinkIsExpiredReplacedOrForgedThenAClearPageAndThePasswordStays() throws Exception {
		signUpConfirmedAndSignIn();
		forgot(this.email);
		String first = this.mailbox.latestLink(SUBJECT);
		forgot(this.email);
		assertThat(this.mailbox.withSubject(SUBJECT, 2)).hasSize(2);
		String second = this.mailbox.latestLink(SUBJECT);
		assertThat(invalid(reset(first, NEW_PASSWORD))).as("replaced by the newer").isTrue();
		for (String forged : new String[] { "", "x", "A".repeat(43), "B".repeat(9000), "çççç",
				second.substring(second.indexOf('=') + 1) + "A" }) {
			assertThat(invalid(reset("/password/reset?token=" + forged, NEW_PASSWORD))).as(forged).isTrue();
		}
		this.clock.advance(Duration.ofMinutes(31));
		assertThat(this.journey.page(second, new MockHttpSession()).getElementById("reset-invalid")).isNotNull();
		assertThat(invalid(reset(second, NEW_PASSWORD))).as("expired").isTrue();
		assertThat(signIn(WebJourney.PASSWORD)).isEqualTo("/");
	}

	@Test
	void whenTheNewPasswordIsWeakThenThePageSaysWhyAndTheLinkStillWorks() throws Exception {
		signUpConfirmedAndSignIn();
		forgot(this.email);
		String link = this.mailbox.latestLink(SUBJECT);
		Document refused = Jsoup.parse(reset(link, "short").getResponse().getContentAsString());
		assertThat(refused.getElementById("reset-error").text()).isEqualTo("Use at least 12 characters.");
		assertThat(reset(link, NEW_PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/login?reset");
	}

	@Test
	void whenLinksAreAskedForAgainAndAgainThenTheAddressWaitsAndTheMailboxIsSpared() throws Exception {
		signUpConfirmedAndSignIn();
		for (int i = 0; i < 10; i++) {
			assertThat(forgot(this.email).getResponse().getRedirectedUrl()).isEqualTo("/password/forgot/sent");
		}
		assertThat(this.mailbox.withSubject(SUBJECT, Backoff.FREE_FAILURES + 2)).hasSize(Backoff.FREE_FAILURES + 1);
	}

	@Test
	void whenTheEmailIsMalformedThenThePageSaysSoAndKeepsWhatWasTyped() throws Exception {
		MvcResult result = forgot("not an email");
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		Document page = Jsoup.parse(result.getResponse().getContentAsString());
		assertThat(page.getElementById("email-error")).isNotNull();
		assertThat(page.getElementById("email").val()).isEqualTo("not an email");
	}

	private MockHttpSession signUpConfirmedAndSignIn() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		String link = this.mailbox.latestLink("Confirm your email address");
		this.mvc.perform(post("/email/verify").with(csrf()).param("token", link.substring(link.indexOf('=') + 1)));
		assertThat(this.journey.page("/", session).getElementById("verify-banner")).isNull();
		return session;
	}

	private MvcResult forgot(String address) throws Exception {
		return this.mvc.perform(post("/password/forgot").with(csrf()).param("email", address)).andReturn();
	}

	private MvcResult reset(String link, String password) throws Exception {
		return this.mvc.perform(post("/password/reset").with(csrf()).param("token", link.substring(link.indexOf('=') + 1))
			.param("newPassword", password)).andReturn();
	}

	private static boolean invalid(MvcResult result) throws Exception {
		return result.getResponse().getStatus() == 200
				&& Jsoup.parse(result.getResponse().getContentAsString()).getElementById("reset-invalid") != null;
	}

	private String signIn(String password) throws Exception {
		return this.mvc.perform(post("/login").with(csrf()).param("email", this.email).param("password", password))
			.andReturn().getResponse().getRedirectedUrl();
	}

	private long events(String type) {
		return this.jdbc.sql("select count(*) from security_event e join account a on a.id = e.account_id "
				+ "where a.email = ? and e.type = ?").params(this.email, type).query(Long.class).single();
	}

}
