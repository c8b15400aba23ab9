package io.zdash.lostdevice;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zdash.JourneyTest;
import io.zdash.Mailbox;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Lost the phone and the recovery codes: the password, a link to the confirmed address, a waiting
 * period any signed-in session can cancel, then the link and the password remove the second factor.
 */
@TestPropertySource(properties = "zdash.admin.email=" + LostDeviceRecoveryTest.ADMIN)
class LostDeviceRecoveryTest extends JourneyTest {

	static final String ADMIN = "lost-device-admin@example.com";

	static final String CONFIRM = "Confirm: remove two-factor authentication";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@Autowired
	LostDeviceWatch watch;

	Mailbox mailbox;

	MockHttpSession owner;

	Enrolled enrolled;

	@BeforeEach
	void confirmedAccountWithTwoFactor() throws Exception {
		this.mailbox = new Mailbox(smtp, this.email);
		this.owner = this.journey.signUpAndSignIn(this.email);
		String verify = this.mailbox.latestLink("Confirm your email address");
		this.mvc.perform(post("/email/verify").with(csrf()).param("token", token(verify)));
		this.enrolled = this.journey.enableTwoFactor(this.owner);
	}

	@Test
	void whenTheWaitIsOverThenTheLinkAndThePasswordRemoveTwoFactorAndEverySessionEnds() throws Exception {
		String token = this.journey.createToken(this.journey.signInWithCode(this.email, this.enrolled.secret()), "script",
				"instances:read");
		MockHttpSession lost = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.page("/login/totp", lost).select("a#lost-device[href=/login/lost-device]")).hasSize(1);
		assertThat(ask(lost).getElementById("lost-device-sent")).isNotNull();
		String link = this.mailbox.latestLink(CONFIRM);
		assertThat(this.journey.page(link, new MockHttpSession()).getElementById("lost-device-confirm")).isNotNull();
		Document started = act(link, null);
		assertThat(started.getElementById("lost-device-waiting").text()).contains("The waiting period ends at");
		assertThat(this.mailbox.withSubject("Two-factor authentication will be removed from your account", 1)).hasSize(1);
		assertThat(this.journey.page("/", this.owner).getElementById("lost-device-banner").text())
			.contains("Someone asked to remove two-factor authentication");

		assertThat(act(link, WebJourney.PASSWORD).getElementById("lost-device-waiting")).as("not before the end").isNotNull();
		assertThat(credentials()).isOne();
		this.clock.advance(Duration.ofHours(72).plusMinutes(1));
		assertThat(act(link, "not the password").getElementById("lost-device-error")).isNotNull();
		assertThat(credentials()).isOne();
		MvcResult done = this.mvc.perform(post("/recovery/lost-device").with(csrf()).param("token", token(link))
			.param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/login?recovered");
		assertThat(credentials()).isZero();
		assertThat(this.mvc.perform(get("/").session(this.owner)).andReturn().getResponse().getStatus())
			.as("every session ended").isEqualTo(302);
		assertThat(this.mailbox.withSubject("Two-factor authentication was removed from your account", 1)).hasSize(1);
		assertThat(this.mvc.perform(get("/api/v1/instances").header("Authorization", "Bearer " + token)).andReturn()
			.getResponse().getStatus()).as("the account's API tokens are revoked").isEqualTo(401);
		assertThat(this.journey.page(link, new MockHttpSession()).getElementById("lost-device-invalid")).as("once").isNotNull();
		// Back to the real time for a fresh sign-in (the session's own lifetime counts in it).
		this.clock.set(java.time.Instant.now());
		MockHttpSession again = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult home = this.mvc.perform(get("/").session(again)).andReturn();
		assertThat(home.getResponse().getStatus()).as(String.valueOf(home.getResponse().getRedirectedUrl())).isEqualTo(200);
	}

	@Test
	void whenASignedInSessionCancelsThenTheLinkNeverCompletes() throws Exception {
		String link = startedRecovery();
		MvcResult cancelled = this.mvc.perform(post("/security/lost-device/cancel").session(this.owner).with(csrf())).andReturn();
		assertThat(cancelled.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(this.journey.page("/security", this.owner).getElementById("lost-device-banner")).isNull();
		assertThat(this.mailbox.withSubject("The removal of two-factor authentication was cancelled", 1)).hasSize(1);
		this.clock.advance(Duration.ofHours(73));
		assertThat(act(link, WebJourney.PASSWORD).getElementById("lost-device-invalid")).isNotNull();
		assertThat(credentials()).isOne();
	}

	@Test
	void whenThePasswordWasResetFromTheMailboxThenNoRecoveryStartsAndNoneCompletes() throws Exception {
		String link = startedRecovery();
		this.clock.advance(Duration.ofMinutes(1)); // the server's clock stands still otherwise: events in order
		resetPassword("Chosen-By-Whoever-Reads-The-Mail-1");
		this.clock.advance(Duration.ofHours(73));
		assertThat(act(link, "Chosen-By-Whoever-Reads-The-Mail-1").getElementById("lost-device-complete"))
			.as("still asks").isNotNull();
		assertThat(credentials()).as("a password from the mailbox completes nothing").isOne();

		this.clock.set(java.time.Instant.now().plus(Duration.ofMinutes(2)));
		this.watch.cancel(accountId(), "test", io.zdash.support.Origin.NONE);
		MockHttpSession lost = this.journey.signIn(this.email, "Chosen-By-Whoever-Reads-The-Mail-1");
		Document refused = ask(lost);
		assertThat(refused.getElementById("lost-device-from-email")).as(refused.select("main").text()).isNotNull();
	}

	@Test
	void whenAHalfSignedInSessionTriesToCancelThenNothingChanges() throws Exception {
		startedRecovery();
		MockHttpSession half = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.mvc.perform(post("/security/lost-device/cancel").session(half).with(csrf()));
		assertThat(this.jdbc.sql("select count(*) from lost_device_recovery where account_id = ?").param(accountId())
			.query(Long.class).single()).isOne();
	}

	@Test
	void whenARecoveryRunsThenASecondCannotStart() throws Exception {
		MockHttpSession lost = this.journey.signIn(this.email, WebJourney.PASSWORD);
		ask(lost);
		assertThat(ask(lost).getElementById("lost-device-running")).isNotNull();
		assertThat(this.mailbox.withSubject(CONFIRM, 2)).hasSize(1);
	}

	@Test
	void whenTheAddressWasNeverConfirmedThenNoRecoveryStarts() throws Exception {
		String other = WebJourney.uniqueEmail();
		this.journey.enableTwoFactor(this.journey.signUpAndSignIn(other));
		Document refused = ask(this.journey.signIn(other, WebJourney.PASSWORD));
		assertThat(refused.getElementById("lost-device-unverified")).isNotNull();
		assertThat(new Mailbox(smtp, other).withSubject(CONFIRM, 1)).isEmpty();
	}

	@Test
	void whenADayIsLeftThenTheOwnerIsRemindedOnce() throws Exception {
		startedRecovery();
		this.clock.advance(Duration.ofHours(49));
		this.watch.remind();
		this.watch.remind();
		assertThat(this.mailbox.withSubject("Two-factor authentication will be removed in a day", 2)).hasSize(1);
	}

	@Test
	void whenTheAdministratorApprovesEarlyThenTheLinkCompletesAtOnceAndWhenCancelledNever() throws Exception {
		String link = startedRecovery();
		MockHttpSession admin = administrator();
		long id = this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
		assertThat(adminRow(admin, id).text()).contains("removal");
		this.mvc.perform(post("/admin/accounts/" + id + "/recovery/approve").session(admin).with(csrf())
			.header("Referer", "http://localhost/admin"));
		Document approved = this.journey.page(link, new MockHttpSession());
		assertThat(approved.getElementById("password")).as(approved.select("main").text()).isNotNull();
		this.mvc.perform(post("/admin/accounts/" + id + "/recovery/cancel").session(admin).with(csrf())
			.header("Referer", "http://localhost/admin"));
		assertThat(act(link, WebJourney.PASSWORD).getElementById("lost-device-invalid")).isNotNull();
		assertThat(credentials()).isOne();
	}

	@Test
	void whenTheLinkIsForgedOrTheStepIsSkippedThenNothingHappens() throws Exception {
		for (String forged : new String[] { "", "x", "A".repeat(43), "B".repeat(6000), "ççç" }) {
			Document page = Jsoup.parse(this.mvc.perform(post("/recovery/lost-device").with(csrf()).param("token", forged)
				.param("password", WebJourney.PASSWORD)).andReturn().getResponse().getContentAsString());
			assertThat(page.getElementById("lost-device-invalid")).as(forged).isNotNull();
		}
		MvcResult anonymous = this.mvc.perform(post("/login/lost-device").with(csrf())).andReturn();
		assertThat(anonymous.getResponse().getStatus()).isIn(302, 401, 403);
		assertThat(this.mvc.perform(post("/login/lost-device").session(this.owner).with(csrf())).andReturn().getResponse()
			.getRedirectedUrl()).as("signed in fully: nothing to recover").isEqualTo("/");
		assertThat(this.mailbox.withSubject(CONFIRM, 1)).isEmpty();
	}

	private String startedRecovery() throws Exception {
		ask(this.journey.signIn(this.email, WebJourney.PASSWORD));
		String link = this.mailbox.latestLink(CONFIRM);
		act(link, null);
		return link;
	}

	private void resetPassword(String newPassword) throws Exception {
		this.mvc.perform(post("/password/forgot").with(csrf()).param("email", this.email));
		String link = this.mailbox.latestLink("Choose a new password");
		MvcResult reset = this.mvc.perform(post("/password/reset").with(csrf()).param("token", token(link))
			.param("newPassword", newPassword)).andReturn();
		assertThat(reset.getResponse().getRedirectedUrl()).isEqualTo("/login?reset");
	}

	private long accountId() {
		return this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
	}

	private MockHttpSession administrator() throws Exception {
		if (this.jdbc.sql("select count(*) from account where email = ?").param(ADMIN).query(Long.class).single() == 0) {
			this.journey.signUp(ADMIN);
		}
		return this.journey.signIn(ADMIN, WebJourney.PASSWORD);
	}

	/** The account's row on the administration pages (fifty accounts a page, the newest last). */
	private org.jsoup.nodes.Element adminRow(MockHttpSession admin, long id) throws Exception {
		for (int page = 0; page < 100; page++) {
			org.jsoup.nodes.Element row = this.journey.page("/admin?page=" + page, admin).getElementById("account-" + id);
			if (row != null) {
				return row;
			}
		}
		throw new AssertionError("account " + id + " is on no administration page");
	}

	private Document ask(MockHttpSession session) throws Exception {
		return Jsoup.parse(this.mvc.perform(post("/login/lost-device").session(session).with(csrf())).andReturn()
			.getResponse().getContentAsString());
	}

	private Document act(String link, String password) throws Exception {
		var request = post("/recovery/lost-device").with(csrf()).param("token", token(link));
		if (password != null) {
			request.param("password", password);
		}
		return Jsoup.parse(this.mvc.perform(request).andReturn().getResponse().getContentAsString());
	}

	private long credentials() {
		return this.jdbc.sql("select count(*) from totp_credential c join account a on a.id = c.account_id where a.email = ?")
			.param(this.email).query(Long.class).single();
	}

	private static String token(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

}
