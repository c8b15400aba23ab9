package io.zdash.account;

import java.net.URI;
import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zdash.JourneyTest;
import io.zdash.Mailbox;
import io.zdash.WebJourney;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Sign-up mails a link that confirms the address; until it is opened every page asks for it. */
@TestPropertySource(properties = "zdash.admin.email=" + EmailVerificationTest.ADMIN)
class EmailVerificationTest extends JourneyTest {

	static final String ADMIN = "verification-admin@example.com";

	static final String SUBJECT = "Confirm your email address";

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
	void whenSigningUpThenALinkArrivesAndTheBannerAsksUntilItIsOpened() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		String link = this.mailbox.latestLink(SUBJECT);
		assertThat(link).startsWith("/email/verify?token=");
		Document dashboard = this.journey.page("/", session);
		assertThat(dashboard.getElementById("verify-banner").text()).contains(EmailAddress.masked(this.email))
			.contains("Please confirm your email address");

		Document opened = this.journey.page(link, new MockHttpSession());
		assertThat(opened.getElementById("verify-confirm")).as("a button, so that a mail scanner uses nothing up").isNotNull();
		assertThat(this.journey.page(link, new MockHttpSession()).getElementById("verify-confirm")).as("still live").isNotNull();
		Document done = confirm(link);
		assertThat(done.getElementById("verify-done").text()).contains("confirmed");
		assertThat(this.journey.page("/", session).getElementById("verify-banner")).isNull();
		assertThat(events("EMAIL_VERIFIED")).isOne();

		assertThat(confirm(link).getElementById("verify-invalid")).as("once only").isNotNull();
		assertThat(this.journey.page(link, new MockHttpSession()).getElementById("verify-invalid")).isNotNull();
	}

	@Test
	void whenResendIsPressedTooSoonThenItSaysWhenAndLaterANewLinkReplacesTheOld() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		String first = this.mailbox.latestLink(SUBJECT);
		MvcResult tooSoon = this.mvc.perform(post("/security/email/verify/resend").session(session).with(csrf())).andReturn();
		assertThat(tooSoon.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(this.journey.page("/", session).getElementById("verify-banner").text()).contains("ask again in 5 minutes");
		assertThat(this.mailbox.withSubject(SUBJECT, 2)).hasSize(1);

		this.clock.advance(Duration.ofMinutes(6));
		this.mvc.perform(post("/security/email/verify/resend").session(session).with(csrf()));
		assertThat(this.mailbox.withSubject(SUBJECT, 2)).hasSize(2);
		String second = this.mailbox.latestLink(SUBJECT);
		assertThat(second).isNotEqualTo(first);
		assertThat(confirm(first).getElementById("verify-invalid")).as("replaced").isNotNull();
		assertThat(confirm(second).getElementById("verify-done")).isNotNull();
	}

	@Test
	void whenTheLinkIsOlderThanADayOrForgedThenItSaysSoAndNothingIsConfirmed() throws Exception {
		this.journey.signUp(this.email);
		String link = this.mailbox.latestLink(SUBJECT);
		for (String forged : new String[] { "", "x", "A".repeat(43), "A".repeat(5000), "%C3%A7%C3%A7", link.substring(link.indexOf('=') + 1) + "A" }) {
			assertThat(confirm("/email/verify?token=" + forged).getElementById("verify-invalid")).as(forged).isNotNull();
		}
		this.clock.advance(Duration.ofHours(25));
		assertThat(this.journey.page(link, new MockHttpSession()).getElementById("verify-invalid")).isNotNull();
		assertThat(confirm(link).getElementById("verify-invalid")).isNotNull();
		assertThat(verified()).isFalse();
	}

	@Test
	void whenTheAccountIsTheConfiguredAdministratorsThenItCountsAsConfirmed() throws Exception {
		MockHttpSession admin = this.journey.signIn(signedUp(ADMIN), WebJourney.PASSWORD);
		assertThat(this.journey.page("/", admin).getElementById("verify-banner")).isNull();
	}

	@Test
	void whenPortugueseIsAskedThenTheLinkMailAndTheBannerAreInPortuguese() throws Exception {
		this.mvc.perform(post("/signup").with(csrf()).header("Accept-Language", "pt-BR").param("email", this.email)
			.param("password", WebJourney.PASSWORD));
		assertThat(this.mailbox.withSubject("Confirme o seu endereço de email", 1)).hasSize(1);
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		Document page = org.jsoup.Jsoup.parse(this.mvc.perform(get("/").session(session).header("Accept-Language", "pt-BR"))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("verify-banner").text()).contains("Confirme o seu endereço de email");
	}

	private String signedUp(String address) throws Exception {
		if (this.jdbc.sql("select count(*) from account where email = ?").param(address).query(Long.class).single() == 0) {
			this.journey.signUp(address);
		}
		return address;
	}

	private Document confirm(String link) throws Exception {
		String token = link.substring(link.indexOf("token=") + "token=".length());
		MvcResult result = this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post(URI.create("/email/verify")).with(csrf()).param("token", java.net.URLDecoder.decode(token,
					java.nio.charset.StandardCharsets.UTF_8))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return org.jsoup.Jsoup.parse(result.getResponse().getContentAsString());
	}

	private boolean verified() {
		return this.jdbc.sql("select email_verified_at from account where email = ?").param(this.email)
			.query((rs, n) -> rs.getObject(1) != null).single();
	}

	private long events(String type) {
		return this.jdbc.sql("select count(*) from security_event e join account a on a.id = e.account_id "
				+ "where a.email = ? and e.type = ?").params(this.email, type).query(Long.class).single();
	}

}
