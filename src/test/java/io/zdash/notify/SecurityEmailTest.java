package io.zdash.notify;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.JourneyTest;
import io.zdash.audit.SecurityEvent;
import io.zdash.support.Base32;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The real pages, a real SMTP server in this JVM: who gets which email, in which language, and what it never says. */
class SecurityEmailTest extends JourneyTest {

	/** One server for the class: the application context reads its port once, when it starts. */
	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void whenTwoFactorTurnedOnThenOwnerGetsOneEmailSayingWhatWhenWhereAndWhatToDo() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		Enrolled enrolled = this.journey.enableTwoFactor(session);

		List<MimeMessage> turnedOn = withSubject("Two-factor authentication was turned on");
		assertThat(turnedOn).hasSize(1);
		MimeMessage mail = turnedOn.get(0);
		assertThat(mail.getFrom()[0].toString()).isEqualTo("Z-API Dashboard <no-reply@localhost>");
		assertThat(body(mail)).contains("Two-factor authentication was turned on for your account.")
			.contains("When: " + WHEN.format(this.clock.instant()))
			.contains("From where: address 127.0.0.1, browser unknown")
			.contains("If this was not you, someone else knows your password");
		assertNoSecretIn(mailsTo(this.email), enrolled);
	}

	@Test
	void whenAUsedCodeIsSentAgainFromAnotherBrowserThenTheOwnerIsToldOnceAnHour() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.journey.nextStep();
		String code = this.journey.currentCode(enrolled.secret());
		MockHttpSession owner = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(owner, code).getResponse().getRedirectedUrl()).isEqualTo("/");
		for (int i = 0; i < 2; i++) {
			MockHttpSession onlooker = this.journey.signIn(this.email, WebJourney.PASSWORD);
			assertThat(this.journey.submitCode(onlooker, code).getResponse().getStatus()).isEqualTo(200);
		}
		List<MimeMessage> alerts = withSubject("A code you used to sign in was tried again");
		assertThat(alerts).as("once an hour at most").hasSize(1);
		assertThat(body(alerts.get(0))).contains("sent again, from another browser").contains("From where: address 127.0.0.1");
		assertNoSecretIn(mailsTo(this.email), enrolled);
		assertThat(body(alerts.get(0))).doesNotContain(code);
	}

	@Test
	void whenADeviceIsTrustedThenTheOwnerIsToldOnceInTheirLanguageAndNotAtEachUse() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.journey.nextStep();
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult remembered = this.mvc.perform(post("/login/totp").session(session).with(csrf())
			.header("Accept-Language", "pt-BR").param("code", this.journey.currentCode(enrolled.secret()))
			.param("remember", "true")).andReturn();
		jakarta.servlet.http.Cookie cookie = remembered.getResponse().getCookie("ZDASH_TRUSTED");
		assertThat(cookie).isNotNull();
		this.mvc.perform(post("/login").with(csrf()).cookie(cookie).param("email", this.email)
			.param("password", WebJourney.PASSWORD));

		List<MimeMessage> trusted = withSubject("Um aparelho agora pula o código quando você entra");
		assertThat(trusted).as("once: using the device sends nothing").hasSize(1);
		assertThat(body(trusted.get(0))).contains("Não pedir código neste aparelho").contains("esqueça esse aparelho");
		assertNoSecretIn(mailsTo(this.email), enrolled);
		String secret = cookie.getValue().split("\\.")[1];
		assertThat(GreenMailUtil.getWholeMessage(trusted.get(0))).doesNotContain(secret).doesNotContain(cookie.getValue());
	}

	@Test
	void whenATokenIsMadeOrAnInstanceTokenIsReadThroughTheApiThenTheOwnerIsToldWithoutEitherToken() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		String token = this.journey.createToken(session, "deploy", "instances:read", "instances:write");
		List<MimeMessage> created = withSubject("A personal access token was created for your account");
		assertThat(created).hasSize(1);
		assertThat(body(created.get(0))).contains("revoke the token on your Security page").doesNotContain(token)
			.doesNotContain(token.substring(4, 24));

		MvcResult instance = this.mvc.perform(post("/api/v1/instances").header("Authorization", "Bearer " + token)
			.contentType("application/json").content("{\"name\":\"Loja\"}")).andReturn();
		String id = com.jayway.jsonpath.JsonPath.read(instance.getResponse().getContentAsString(), "$.id");
		String instanceToken = com.jayway.jsonpath.JsonPath.read(this.mvc.perform(
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/instances/" + id + "/token")
					.header("Authorization", "Bearer " + token)).andReturn().getResponse().getContentAsString(), "$.token");
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/instances/" + id + "/token").header("Authorization", "Bearer " + token)).andReturn();
		List<MimeMessage> read = withSubject("An instance token was read through the API");
		assertThat(read).as("read twice, told once in the hour").hasSize(1);
		assertThat(body(read.get(0))).doesNotContain(instanceToken).doesNotContain(token);
	}

	@Test
	void whenRecoveryCodeUsedThenEmailSaysSoAndHowManyRemain() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));

		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult result = this.journey.submitRecoveryCode(session, enrolled.recoveryCodes().get(0));
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");

		List<MimeMessage> used = withSubject("A recovery code was used to sign in");
		assertThat(used).hasSize(1);
		assertThat(body(used.get(0))).contains("one of your recovery codes")
			.contains("You have 9 recovery codes left.")
			.contains("When: ")
			.contains("If this was not you");
		assertNoSecretIn(mailsTo(this.email), enrolled);
	}

	@Test
	void whenBrowserAsksForPortugueseThenEmailIsInPortuguese() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));

		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.mvc.perform(post("/login/recovery").session(session).with(csrf())
			.header("Accept-Language", "pt-BR,pt;q=0.9")
			.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
			.param("code", enrolled.recoveryCodes().get(0)));

		List<MimeMessage> used = withSubject("Um código de recuperação foi usado para entrar");
		assertThat(used).hasSize(1);
		assertThat(body(used.get(0))).startsWith("Olá,")
			.contains("Você tem 9 códigos de recuperação restantes.")
			.contains("Quando: " + WHEN.format(this.clock.instant()))
			.contains("De onde: endereço 127.0.0.1, navegador Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
			.contains("Se não foi você");
		assertNoSecretIn(mailsTo(this.email), enrolled);
	}

	@Test
	void whenChangeRollsBackThenNoEmailAndWhenItCommitsThenOne() throws Exception {
		this.journey.signUp(this.email);
		long accountId = this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
		SecurityEvent changed = SecurityEvent.of(accountId, SecurityEvent.Type.PASSWORD_CHANGED);

		this.transactions.executeWithoutResult(tx -> {
			this.events.publishEvent(changed);
			tx.setRollbackOnly();
		});
		assertThat(mailsTo(this.email)).isEmpty();

		this.transactions.executeWithoutResult(tx -> this.events.publishEvent(changed));
		assertThat(withSubject("Your password was changed")).hasSize(1);
	}

	@Test
	void whenFiveWrongCodesFollowTheRightPasswordThenOneWarningEmail() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		String wrong = this.journey.wrongCode(enrolled.secret());
		for (int i = 0; i < 5; i++) {
			this.journey.submitCode(session, wrong);
		}
		// Another try during the wait is refused without a second email.
		this.journey.submitCode(this.journey.signIn(this.email, WebJourney.PASSWORD), wrong);
		List<MimeMessage> warnings = withSubject("Your password is probably known to someone else");
		assertThat(warnings).hasSize(1);
		assertNoSecretIn(warnings, enrolled);
	}

	@Test
	void whenPasswordChangedThenOwnerIsTold() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		this.mvc.perform(post("/security/password").session(session).with(csrf()).param("newPassword",
				"Orchard-Telescope-Violin-3"));
		List<MimeMessage> mails = withSubject("Your password was changed");
		assertThat(mails).hasSize(1);
		assertThat(body(mails.get(0))).doesNotContain("Orchard-Telescope-Violin-3");
	}

	@Test
	void whenPasswordArrivesFromANewBrowserThenOwnerIsToldOnce() throws Exception {
		this.journey.signUpAndSignIn(this.email);
		this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(withSubject(newDeviceSubject())).isEmpty();
		for (int i = 0; i < 2; i++) {
			this.mvc.perform(post("/login").with(csrf()).header("User-Agent", "Mozilla/5.0 (X11; Linux) Firefox/140.0")
				.param("email", this.email).param("password", WebJourney.PASSWORD));
		}
		assertThat(withSubject(newDeviceSubject())).hasSize(1);
	}

	@Test
	void whenAnotherAuthenticatorAppIsAddedOrRemovedThenTheOwnerIsToldWithoutItsKey() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		Enrolled enrolled = this.journey.enableTwoFactor(session);
		org.jsoup.nodes.Document page = this.journey.page("/security/two-factor/apps/new", session);
		String key = page.getElementById("totp-secret").text().replace(" ", "");
		this.mvc.perform(post("/security/two-factor/apps").session(session).with(csrf()).param("name", "Tablet")
			.param("code", this.journey.currentCode(Base32.decode(key))));
		List<MimeMessage> added = withSubject("An authenticator app was added to your account");
		assertThat(added).hasSize(1);
		assertThat(body(added.get(0))).contains("From where: address 127.0.0.1").doesNotContain(key);
		assertThat(GreenMailUtil.getWholeMessage(added.get(0))).doesNotContain(key);

		long app = this.jdbc.sql("select p.id from totp_app p join account a on a.id = p.account_id "
				+ "where a.email = ? and p.name = 'Tablet'").param(this.email).query(Long.class).single();
		this.mvc.perform(post("/security/two-factor/apps/" + app + "/remove").session(session).with(csrf()));
		assertThat(withSubject("An authenticator app was removed from your account")).hasSize(1);
		assertNoSecretIn(mailsTo(this.email), enrolled);
	}

	private static String newDeviceSubject() throws Exception {
		java.util.Properties mail = new java.util.Properties();
		try (var in = SecurityEmailTest.class.getResourceAsStream("/mail.properties")) {
			mail.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		return mail.getProperty("mail.NEW_DEVICE_SIGN_IN.subject");
	}

	private List<MimeMessage> mailsTo(String address) throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
				found.add(message);
			}
		}
		return found;
	}

	private List<MimeMessage> withSubject(String subject) throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : mailsTo(this.email)) {
			if (subject.equals(message.getSubject())) {
				found.add(message);
			}
		}
		return found;
	}

	private static String body(MimeMessage message) throws Exception {
		return message.getContent().toString();
	}

	/** Neither the decoded text nor the raw message holds the key, a recovery code or the password. */
	private static void assertNoSecretIn(List<MimeMessage> mails, Enrolled enrolled) throws Exception {
		assertThat(mails).isNotEmpty();
		List<String> secrets = new ArrayList<>(List.of(WebJourney.PASSWORD, Base32.encode(enrolled.secret()),
				HexFormat.of().formatHex(enrolled.secret())));
		for (String code : enrolled.recoveryCodes()) {
			secrets.add(code);
			secrets.add(code.replace("-", ""));
		}
		for (MimeMessage mail : mails) {
			String text = mail.getSubject() + "\n" + body(mail) + "\n" + GreenMailUtil.getWholeMessage(mail);
			for (String secret : secrets) {
				assertThat(text).doesNotContainIgnoringCase(secret);
			}
		}
	}

}
