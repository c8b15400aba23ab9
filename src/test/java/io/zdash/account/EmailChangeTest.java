package io.zdash.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zdash.WebJourney;
import io.zdash.JourneyTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Changing the email: step-up, a single-use link to the new address, and nothing said about who has an account. */
@ExtendWith(OutputCaptureExtension.class)
class EmailChangeTest extends JourneyTest {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	static final String CONFIRM_SUBJECT = "Confirm your new email address";

	static final String CHANGED_SUBJECT = "The email address of your account was changed";

	private static final Pattern LINK = Pattern.compile("http://localhost:8080/security/email/confirm\\?token=([A-Za-z0-9_-]+)");

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	String newEmail;

	long accountId;

	@BeforeEach
	void setUp() {
		this.newEmail = WebJourney.uniqueEmail();
	}

	@Test
	void whenChangeRequestedThenOneLinkGoesToTheNewAddressAndNothingChangesYet() throws Exception {
		MockHttpSession session = owner();
		MvcResult requested = request(session, "  " + this.newEmail.toUpperCase() + " ");

		assertThat(requested.getResponse().getRedirectedUrl()).isEqualTo("/security#email");
		assertThat(requested.getFlashMap().get("emailSentTo")).isEqualTo(this.newEmail);
		List<MimeMessage> mails = mailsTo(this.newEmail);
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).getSubject()).isEqualTo(CONFIRM_SUBJECT);
		assertThat(body(mails.get(0))).contains("When: ").doesNotContain(this.email);
		assertThat(tokenIn(mails.get(0))).hasSize(43);
		assertThat(mailsTo(this.email)).as("nothing but the sign-up's own confirmation link")
			.allSatisfy(mail -> assertThat(mail.getSubject()).isEqualTo("Confirm your email address"));

		Document page = securityPage(session, requested);
		assertThat(page.getElementById("email-sent").text()).contains(this.newEmail);
		assertThat(page.getElementById("current-email").text()).contains(this.email);
		assertThat(emailOfAccount()).isEqualTo(this.email);
		assertThat(signIn(this.email)).isEqualTo("/");
		assertThat(signIn(this.newEmail)).isEqualTo("/login?error");
	}

	@Test
	void whenLinkOpenedThenEmailChangesOnceOtherSessionsEndAndBothAddressesAreTold(CapturedOutput output)
			throws Exception {
		MockHttpSession laptop = owner();
		MockHttpSession phone = this.journey.signIn(this.email, WebJourney.PASSWORD);
		request(laptop, this.newEmail);
		String token = tokenIn(mailsTo(this.newEmail).get(0));

		MvcResult opened = open(token, laptop);
		assertThat(opened.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(opened.getFlashMap().get("notice")).isEqualTo("email.changed");
		assertThat(emailOfAccount()).isEqualTo(this.newEmail);
		assertThat(status(get("/").session(laptop))).isEqualTo(200);
		assertThat(status(get("/").session(phone))).isEqualTo(302);
		assertThat(signIn(this.newEmail)).isEqualTo("/");
		assertThat(signIn(this.email)).isEqualTo("/login?error");

		Document page = this.journey.page("/security", laptop);
		assertThat(page.getElementById("current-email").text()).contains(this.newEmail);
		assertThat(page.select(".security-event").text()).contains("Email changed");
		List<String> details = this.jdbc.sql("select coalesce(detail, '') from security_event where account_id = ? and type = 'EMAIL_CHANGED'")
			.param(accountId())
			.query(String.class)
			.list();
		assertThat(details).hasSize(1);
		assertThat(details.get(0)).doesNotContain(this.email).doesNotContain(this.newEmail);
		assertThat(withSubject(this.email, CHANGED_SUBJECT)).hasSize(1);
		assertThat(withSubject(this.newEmail, CHANGED_SUBJECT)).hasSize(1);

		MvcResult again = open(token, laptop);
		assertThat(again.getResponse().getStatus()).isEqualTo(400);
		assertThat(Jsoup.parse(again.getResponse().getContentAsString()).getElementById("email-confirm-problem").text())
			.contains("does not work");
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void whenLinkOpenedInABrowserNotSignedInThenEverySessionEndsAndSignInSaysSo() throws Exception {
		MockHttpSession laptop = owner();
		request(laptop, this.newEmail);

		MvcResult opened = open(tokenIn(mailsTo(this.newEmail).get(0)), new MockHttpSession());
		assertThat(opened.getResponse().getRedirectedUrl()).isEqualTo("/login?emailChanged");
		assertThat(emailOfAccount()).isEqualTo(this.newEmail);
		assertThat(status(get("/").session(laptop))).isEqualTo(302);
		Document login = Jsoup.parse(this.mvc.perform(get("/login?emailChanged")).andReturn().getResponse().getContentAsString());
		assertThat(login.select(".notice").text()).contains("Sign in with the new address");
	}

	@Test
	void whenLinkExpiredOrReplacedOrForgedThenACleanRefusalAndNothingChanges() throws Exception {
		MockHttpSession session = owner();
		request(session, this.newEmail);
		String first = tokenIn(mailsTo(this.newEmail).get(0));
		String second = WebJourney.uniqueEmail();
		request(session, second);
		assertThat(open(first, null).getResponse().getStatus()).as("replaced").isEqualTo(400);

		this.clock.advance(Duration.ofHours(25));
		assertThat(open(tokenIn(mailsTo(second).get(0)), null).getResponse().getStatus()).as("expired").isEqualTo(400);
		for (String forged : new String[] { null, "", "x".repeat(10_000), "A".repeat(43), first + "A", "../../etc" }) {
			assertThat(open(forged, null).getResponse().getStatus()).as("forged %s", forged).isEqualTo(400);
		}
		assertThat(emailOfAccount()).isEqualTo(this.email);
	}

	@Test
	void whenAddressBelongsToAnotherAccountThenTheSameAnswerAndNoEmail() throws Exception {
		String taken = WebJourney.uniqueEmail();
		this.journey.signUp(taken);
		MockHttpSession session = owner();

		MvcResult requested = request(session, taken);
		assertThat(requested.getResponse().getRedirectedUrl()).isEqualTo("/security#email");
		assertThat(requested.getFlashMap().get("emailSentTo")).isEqualTo(taken);
		assertThat(requested.getFlashMap().get("emailError")).isNull();
		assertThat(mailsTo(taken)).as("nothing but the sign-up's own confirmation link")
			.allSatisfy(mail -> assertThat(mail.getSubject()).isEqualTo("Confirm your email address"));
		assertThat(pendingChanges()).isZero();
	}

	@Test
	void whenAddressTakenBeforeTheLinkIsOpenedThenClearRefusalAndNothingChanges() throws Exception {
		MockHttpSession session = owner();
		request(session, this.newEmail);
		this.journey.signUp(this.newEmail);

		MvcResult opened = open(tokenIn(mailsTo(this.newEmail).get(0)), session);
		assertThat(opened.getResponse().getStatus()).isEqualTo(409);
		assertThat(Jsoup.parse(opened.getResponse().getContentAsString()).getElementById("email-confirm-problem").text())
			.contains("another account");
		assertThat(emailOfAccount()).isEqualTo(this.email);
	}

	@Test
	void whenTheChangeIsConfirmedThenTheNewAddressCountsAsConfirmedAndTrustedDevicesAreForgotten() throws Exception {
		MockHttpSession laptop = owner();
		io.zdash.WebJourney.Enrolled enrolled = this.journey.enableTwoFactor(laptop);
		this.journey.nextStep();
		MockHttpSession remembering = this.journey.signIn(this.email, WebJourney.PASSWORD);
		jakarta.servlet.http.Cookie trusted = this.mvc.perform(post("/login/totp").session(remembering).with(csrf())
			.param("code", this.journey.currentCode(enrolled.secret())).param("remember", "true"))
			.andReturn().getResponse().getCookie("ZDASH_TRUSTED");
		assertThat(trusted).isNotNull();
		assertThat(this.journey.page("/", laptop).getElementById("verify-banner")).as("not confirmed yet").isNotNull();

		request(remembering, this.newEmail);
		open(tokenIn(mailsTo(this.newEmail).get(0)), remembering);
		assertThat(this.journey.page("/", remembering).getElementById("verify-banner")).as("the link proved it").isNull();

		MockHttpSession again = new MockHttpSession();
		this.mvc.perform(post("/login").session(again).with(csrf()).cookie(trusted).param("email", this.newEmail)
			.param("password", WebJourney.PASSWORD));
		assertThat(status(get("/").session(again))).as("the device was forgotten: the code is asked").isEqualTo(302);
	}

	@Test
	void whenInputIsMalformedOrTheCurrentAddressThenAMessageAndNothingChanges() throws Exception {
		MockHttpSession session = owner();
		for (String bad : new String[] { "", "x".repeat(10_000), "not-an-email", "<script>@x.com" }) {
			MvcResult refused = request(session, bad);
			assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/security#email");
			assertThat(refused.getFlashMap().get("emailError")).as(bad).isEqualTo("email.invalid");
			Document page = securityPage(session, refused);
			assertThat(page.select("#email .error").text()).isNotBlank();
			assertThat(page.html()).doesNotContain("<script>@");
		}
		MvcResult same = request(session, this.email.toUpperCase());
		assertThat(same.getFlashMap().get("emailError")).isEqualTo("email.change.same");
		assertThat(pendingChanges()).isZero();
		assertThat(emailOfAccount()).isEqualTo(this.email);
	}

	@Test
	void whenLastCheckIsOlderThanTenMinutesThenStepUpFirst() throws Exception {
		MockHttpSession session = owner();
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(request(session, this.newEmail).getResponse().getRedirectedUrl()).startsWith("/security/confirm");
		assertThat(pendingChanges()).isZero();
		assertThat(mailsTo(this.newEmail)).isEmpty();
	}

	@Test
	void whenBrowserAsksForPortugueseThenTheLinkComesInPortuguese() throws Exception {
		MockHttpSession session = owner();
		this.mvc.perform(post("/security/email").session(session).with(csrf()).header("Accept-Language", "pt-BR")
			.param("newEmail", this.newEmail));
		List<MimeMessage> mails = mailsTo(this.newEmail);
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).getSubject()).isEqualTo("Confirme o seu novo endereço de e-mail");
		assertThat(body(mails.get(0))).startsWith("Olá,").contains("Quando: ");
	}

	private MvcResult request(MockHttpSession session, String address) throws Exception {
		return this.mvc.perform(post("/security/email").session(session).with(csrf())
			.header("Referer", "http://localhost/security").param("newEmail", address)).andReturn();
	}

	private MvcResult open(String token, MockHttpSession session) throws Exception {
		MockHttpServletRequestBuilder get = get("/security/email/confirm");
		if (token != null) {
			get.param("token", token);
		}
		return this.mvc.perform((session != null) ? get.session(session) : get).andReturn();
	}

	private Document securityPage(MockHttpSession session, MvcResult redirected) throws Exception {
		MvcResult page = this.mvc.perform(get("/security").session(session).flashAttrs(redirected.getFlashMap())).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		return Jsoup.parse(page.getResponse().getContentAsString());
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private String signIn(String address) throws Exception {
		return this.mvc.perform(post("/login").with(csrf()).param("email", address).param("password", WebJourney.PASSWORD))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	/** Signs the account whose email changes up and in, and remembers its id. */
	private MockHttpSession owner() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		this.accountId = this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
		return session;
	}

	private long accountId() {
		return this.accountId;
	}

	private String emailOfAccount() {
		return this.jdbc.sql("select email from account where id = ?").param(accountId()).query(String.class).single();
	}

	private long pendingChanges() {
		return this.jdbc.sql("select count(*) from email_change where account_id = ?").param(accountId())
			.query(Long.class).single();
	}

	private static String tokenIn(MimeMessage mail) throws Exception {
		Matcher m = LINK.matcher(body(mail));
		assertThat(m.find()).as("link in the email").isTrue();
		return m.group(1);
	}

	private static List<MimeMessage> mailsTo(String address) throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
				found.add(message);
			}
		}
		return found;
	}

	private static List<MimeMessage> withSubject(String address, String subject) throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : mailsTo(address)) {
			if (subject.equals(message.getSubject())) {
				found.add(message);
			}
		}
		return found;
	}

	private static String body(MimeMessage message) throws Exception {
		return message.getContent().toString();
	}

}
