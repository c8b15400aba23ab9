package io.zdash.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.zdash.JourneyTest;
import io.zdash.Mailbox;
import io.zdash.WebJourney;
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

/** "Require 2FA for everyone" with a deadline that people see coming. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:two-factor-deadline;DB_CLOSE_DELAY=-1")
class TwoFactorDeadlineTest extends JourneyTest {

	static final String REMINDER = "Two-factor authentication will be required soon";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	static String adminEmail;

	@Autowired
	TwoFactorDeadline reminders;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void administrator() throws Exception {
		if (adminEmail == null) {
			adminEmail = WebJourney.uniqueEmail();
			this.journey.signUp(adminEmail);
		}
		this.jdbc.sql("delete from app_setting").update();
	}

	@Test
	void whenRequiredInTwoWeeksThenPeopleWithoutItSeeTheDaysLeftAndMayStillSignIn() throws Exception {
		MockHttpSession user = this.journey.signUpAndSignIn(this.email);
		LocalDate inTwoWeeks = today().plusDays(14);
		assertThat(settings(inTwoWeeks.toString()).getResponse().getRedirectedUrl()).isEqualTo("/admin");

		Document dashboard = this.journey.page("/", user);
		assertThat(dashboard.getElementById("deadline-banner").text())
			.contains("requires two-factor authentication from").contains("14 days left");
		assertThat(dashboard.select("#deadline-banner a#deadline-set-up[href=/security/two-factor/setup]")).hasSize(1);
		MockHttpSession again = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.mvc.perform(get("/").session(again)).andReturn().getResponse().getStatus())
			.as("not yet enforced").isEqualTo(200);
		Document admin = this.journey.page("/admin", adminSession());
		assertThat(admin.getElementById("two-factor-deadline").val()).isEqualTo(inTwoWeeks.toString());
		assertThat(admin.getElementById("two-factor-adoption").text()).startsWith("Accounts with two-factor authentication:");

		this.journey.enableTwoFactor(user);
		assertThat(this.journey.page("/security", user).getElementById("deadline-banner")).as("done: no banner").isNull();
	}

	@Test
	void whenTheDeadlineIsAWeekAndThenADayAwayThenPeopleWithoutItAreEmailedOnceEach() throws Exception {
		this.journey.signUp(this.email);
		Mailbox mailbox = new Mailbox(smtp, this.email);
		requiredFrom(this.clock.instant().plus(Duration.ofDays(10)));
		this.reminders.remind();
		assertThat(mailbox.withSubject(REMINDER, 1)).as("too early").isEmpty();

		Instant deadline = this.clock.instant().plus(Duration.ofDays(6));
		requiredFrom(deadline);
		this.reminders.remind();
		this.reminders.remind();
		assertThat(mailbox.withSubject(REMINDER, 2)).as("once").hasSize(1);
		assertThat(Mailbox.body(mailbox.withSubject(REMINDER, 1).get(0)))
			.contains("Required from: " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
				.withZone(ZoneOffset.UTC).format(deadline));

		requiredFrom(this.clock.instant().plus(Duration.ofHours(20)));
		this.reminders.remind();
		assertThat(mailbox.withSubject(REMINDER, 2)).as("and a day before").hasSize(2);
		this.reminders.remind();
		assertThat(mailbox.withSubject(REMINDER, 3)).hasSize(2);
	}

	@Test
	void whenTheOwnerSignsInInPortugueseThenTheScheduledReminderIsInPortuguese() throws Exception {
		this.journey.signUp(this.email);
		this.mvc.perform(post("/login").with(csrf()).header("Accept-Language", "pt-BR").param("email", this.email)
			.param("password", WebJourney.PASSWORD));
		requiredFrom(this.clock.instant().plus(Duration.ofDays(3)));
		this.reminders.remind();
		assertThat(new Mailbox(smtp, this.email).withSubject("A autenticação de dois fatores será exigida em breve", 1))
			.hasSize(1);
	}

	@Test
	void whenTheDeadlineHasPassedThenThePasswordLeadsToSetupWithTheReasonAndASignOut() throws Exception {
		this.journey.signUp(this.email);
		assertThat(settings(today().toString()).getResponse().getRedirectedUrl()).as("from today: at once").isEqualTo("/admin");
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		MvcResult home = this.mvc.perform(get("/").session(session)).andReturn();
		assertThat(home.getResponse().getRedirectedUrl()).isEqualTo("/security/two-factor/setup");
		Document setup = this.journey.page("/security/two-factor/setup", session);
		assertThat(setup.getElementById("must-enroll").text()).contains("requires two-factor authentication");
		assertThat(setup.getElementById("must-enroll-sign-out")).isNotNull();
		assertThat(this.mvc.perform(post("/logout").session(session).with(csrf())).andReturn().getResponse()
			.getRedirectedUrl()).startsWith("/login");
	}

	@Test
	void whenTheDeadlineIsNotADateFromTodayToAYearAheadThenNothingIsSavedAndThePageSaysWhy() throws Exception {
		for (String date : new String[] { "", "tomorrow", today().minusDays(1).toString(), today().plusYears(2).toString(),
				"2026-02-30", "9".repeat(4000), "２０２６-１２-３１" }) {
			MockHttpSession admin = adminSession();
			assertThat(settings(admin, date).getResponse().getRedirectedUrl()).as(date).isEqualTo("/admin");
			assertThat(this.journey.page("/admin", admin).getElementById("deadline-error").text()).as(date)
				.contains("from today to a year ahead");
		}
		assertThat(this.jdbc.sql("select count(*) from app_setting").query(Long.class).single()).isZero();
	}

	@Test
	void whenAccountsSetUpTwoFactorThenTheMetricCountsThem() throws Exception {
		double before = gauge("on");
		this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(gauge("on")).isEqualTo(before + 1);
		assertThat(gauge("on") + gauge("off")).isEqualTo(
				this.jdbc.sql("select count(*) from account").query(Long.class).single().doubleValue());
	}

	private double gauge(String state) {
		return this.meters.get("zdash.accounts").tag("two_factor", state).gauge().value();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private void requiredFrom(Instant deadline) {
		this.jdbc.sql("delete from app_setting").update();
		this.jdbc.sql("insert into app_setting (setting_name, setting_value) values ('two-factor.required', 'true')").update();
		this.jdbc.sql("insert into app_setting (setting_name, setting_value) values ('two-factor.deadline', ?)")
			.param(deadline.toString()).update();
	}

	private MockHttpSession adminSession() throws Exception {
		return this.journey.signIn(adminEmail, WebJourney.PASSWORD);
	}

	private MvcResult settings(String deadline) throws Exception {
		return settings(adminSession(), deadline);
	}

	private MvcResult settings(MockHttpSession admin, String deadline) throws Exception {
		return this.mvc.perform(post("/admin/settings").session(admin).with(csrf())
			.header("Referer", "http://localhost/admin").param("requireTwoFactor", "true")
			.param("twoFactorDeadline", deadline).param("trustedDevices", "true").param("trustedDeviceDays", "30"))
			.andReturn();
	}

}
