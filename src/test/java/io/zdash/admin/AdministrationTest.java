package io.zdash.admin;

import java.time.Duration;

import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.JourneyTest;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** An installation of its own: its first account administers it. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:administration;DB_CLOSE_DELAY=-1")
class AdministrationTest extends JourneyTest {

	static String adminEmail;

	@BeforeEach
	void setUp() throws Exception {
		if (adminEmail == null) {
			adminEmail = WebJourney.uniqueEmail();
			this.journey.signUp(adminEmail);
		}
		this.jdbc.sql("delete from app_setting").update();
	}

	@Test
	void whenOrdinaryAccountThenAdministrationIsForbidden() throws Exception {
		MockHttpSession user = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		assertThat(this.mvc.perform(get("/admin").session(user)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(this.mvc.perform(get("/admin/events").session(user)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(this.journey.page("/", user).select("a[href='/admin']")).isEmpty();
	}

	@Test
	void whenTheAdministratorLooksAtTheAccountsThenTheirOwnRowOffersNoDisable() throws Exception {
		String other = WebJourney.uniqueEmail();
		this.journey.signUp(other);
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		org.jsoup.nodes.Document page = this.journey.page("/admin", admin);
		assertThat(page.select("form[action=/admin/accounts/" + accountId(adminEmail) + "/disable]")).isEmpty();
		assertThat(page.select("form[action=/admin/accounts/" + accountId(other) + "/disable][data-confirm]")).hasSize(1);
	}

	@Test
	void whenOrdinaryAccountAsksWithHeadThenAdministrationIsForbiddenToo() throws Exception {
		// Spring MVC answers HEAD with the GET handler; the rule must guard it the same way.
		MockHttpSession user = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		for (String page : new String[] { "/admin", "/admin/events", "/admin/events?account=" + adminEmail }) {
			assertThat(this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head(page)
				.session(user)).andReturn().getResponse().getStatus()).as("HEAD " + page).isEqualTo(403);
		}
	}

	@Test
	void whenUserLostTheirPhoneThenAdminResetsTwoFactorAndTheUserSignsInWithThePasswordAlone() throws Exception {
		String email = WebJourney.uniqueEmail();
		MockHttpSession userSession = this.journey.signUpAndSignIn(email);
		this.journey.enableTwoFactor(userSession);
		long id = accountId(email);

		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		Document page = this.journey.page("/admin", admin);
		assertThat(page.getElementById("account-" + id).text()).contains(email).contains("On since");
		assertThat(page.getElementById("account-" + id).text()).doesNotContainIgnoringCase("secret");
		assertThat(adminPost(admin, "/admin/accounts/" + id + "/reset-two-factor").getResponse().getRedirectedUrl())
			.isEqualTo("/admin");

		assertThat(this.mvc.perform(get("/").session(userSession)).andReturn().getResponse().getStatus())
			.as("the user's sessions end").isEqualTo(302);
		MockHttpSession again = this.journey.signIn(email, WebJourney.PASSWORD);
		assertThat(this.mvc.perform(get("/").session(again)).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(this.jdbc.sql("select detail from security_event where account_id = ? and type = 'TWO_FACTOR_RESET_BY_ADMIN'")
			.param(id).query(String.class).single()).isEqualTo("admin=" + accountId(adminEmail));
	}

	@Test
	void whenAdminActsWithAStalePasswordThenStepUpFirst() throws Exception {
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		this.clock.advance(Duration.ofMinutes(11));
		MvcResult asked = adminPost(admin, "/admin/settings");
		assertThat(asked.getResponse().getRedirectedUrl()).startsWith("/security/confirm");
	}

	@Test
	void whenTheAdministratorResetsTwoFactorOrDisablesTheAccountThenItsApiTokensAreRevoked() throws Exception {
		String reset = WebJourney.uniqueEmail();
		MockHttpSession resetSession = this.journey.signUpAndSignIn(reset);
		String resetToken = this.journey.createToken(resetSession, "script", "instances:read");
		this.journey.enableTwoFactor(resetSession);
		String disabled = WebJourney.uniqueEmail();
		String disabledToken = this.journey.createToken(this.journey.signUpAndSignIn(disabled), "script", "instances:read");
		assertThat(api(resetToken)).isEqualTo(200);
		assertThat(api(disabledToken)).isEqualTo(200);

		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		adminPost(admin, "/admin/accounts/" + accountId(reset) + "/reset-two-factor");
		adminPost(admin, "/admin/accounts/" + accountId(disabled) + "/disable");
		assertThat(api(resetToken)).isEqualTo(401);
		assertThat(api(disabledToken)).isEqualTo(401);
		assertThat(this.jdbc.sql("select detail from security_event where account_id = ? and type = 'API_TOKENS_REVOKED'")
			.param(accountId(reset)).query(String.class).single()).isEqualTo("count=1 reason=two-factor-reset");
		assertThat(this.jdbc.sql("select count(*) from access_token where account_id = ?").param(accountId(disabled))
			.query(Long.class).single()).isZero();
	}

	private int api(String token) throws Exception {
		return this.mvc.perform(get("/api/v1/instances").header("Authorization", "Bearer " + token)).andReturn()
			.getResponse().getStatus();
	}

	@Test
	void whenAccountDisabledThenItCannotSignInUntilEnabled() throws Exception {
		String email = WebJourney.uniqueEmail();
		MockHttpSession userSession = this.journey.signUpAndSignIn(email);
		long id = accountId(email);
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		adminPost(admin, "/admin/accounts/" + id + "/disable");
		assertThat(this.mvc.perform(get("/").session(userSession)).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(this.mvc.perform(post("/login").with(csrf()).param("email", email).param("password", WebJourney.PASSWORD))
			.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		adminPost(admin, "/admin/accounts/" + id + "/enable");
		assertThat(this.mvc.perform(post("/login").with(csrf()).param("email", email).param("password", WebJourney.PASSWORD))
			.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
		// Nobody can disable themselves out of the installation.
		adminPost(admin, "/admin/accounts/" + accountId(adminEmail) + "/disable");
		assertThat(this.jdbc.sql("select count(*) from account where email = ? and disabled_at is null").param(adminEmail)
			.query(Long.class).single()).isOne();
	}

	@Test
	void whenPasswordStepPausedThenAdminLiftsThePause() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.signUp(email);
		for (int i = 0; i < 5; i++) {
			this.journey.signIn(email, "wrong password " + i);
		}
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		assertThat(this.journey.page("/admin", admin).getElementById("account-" + accountId(email)).text()).contains("paused");
		adminPost(admin, "/admin/accounts/" + accountId(email) + "/unlock");
		assertThat(this.mvc.perform(post("/login").with(csrf()).param("email", email).param("password", WebJourney.PASSWORD))
			.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenTwoFactorRequiredForEveryoneThenAccountsWithoutItEnrollBeforeAnythingElse() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.signUp(email);
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		// From today: enforced at once.
		this.mvc.perform(post("/admin/settings").session(admin).with(csrf()).param("requireTwoFactor", "true")
			.param("twoFactorDeadline", java.time.LocalDate.ofInstant(this.clock.instant(), java.time.ZoneOffset.UTC).toString()));
		assertThat(this.jdbc.sql("select detail from security_event where type = 'SETTING_CHANGED_BY_ADMIN' and account_id = ?")
			.param(accountId(adminEmail)).query(String.class).list()).contains("two-factor.required=true");

		MockHttpSession user = this.journey.signIn(email, WebJourney.PASSWORD);
		for (String page : new String[] { "/", "/security", "/login/totp" }) {
			MvcResult refused = this.mvc.perform(get(page).session(user)).andReturn();
			assertThat(refused.getResponse().getRedirectedUrl()).as(page).isIn("/security/two-factor/setup", "/");
		}
		assertThat(this.mvc.perform(get("/api/instances").session(user)).andReturn().getResponse().getStatus()).isEqualTo(401);
		// No trap: the page says why, and offers to sign out instead of a Cancel that loops back.
		org.jsoup.nodes.Document setup = this.journey.page("/security/two-factor/setup", user);
		assertThat(setup.getElementById("must-enroll").text()).contains("requires two-factor authentication");
		assertThat(setup.select("form[action=/logout] #must-enroll-sign-out")).hasSize(1);
		assertThat(setup.select("a[href=/security]")).isEmpty();
		Enrolled enrolled = this.journey.enableTwoFactor(user);
		assertThat(enrolled.recoveryCodes()).hasSize(10);
		assertThat(this.mvc.perform(get("/").session(user)).andReturn().getResponse().getStatus()).isEqualTo(200);
		MvcResult off = this.mvc.perform(post("/security/two-factor/disable").session(user).with(csrf())
			.param("password", WebJourney.PASSWORD).param("code", enrolled.recoveryCodes().get(0))).andReturn();
		assertThat(off.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(this.journey.page("/security", user).select(".error").text()).contains("required for every account");
	}

	@Test
	void whenAdminFiltersTheSecurityLogThenOnlyMatchingEventsShow() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.signUp(email);
		this.journey.signIn(email, "wrong password here");
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		Document filtered = this.journey.page("/admin/events?account=" + email + "&type=SIGN_IN_PASSWORD_FAILED", admin);
		assertThat(filtered.select(".security-event")).hasSize(1);
		assertThat(filtered.select(".security-event").text()).contains(email).contains("Wrong password");
		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		assertThat(this.journey.page("/admin/events?account=" + email + "&from=" + today + "&to=" + today, admin)
			.select(".security-event")).isNotEmpty();
		assertThat(this.journey.page("/admin/events?account=" + email + "&from=2000-01-01&to=2000-01-02", admin)
			.select(".security-event")).isEmpty();
		assertThat(this.journey.page("/admin/events?type=<script>&from=nonsense&page=-1", admin).select("h1").text())
			.isNotBlank();
	}

	@Test
	void whenTheFilteredLogHasMoreThanAPageThenTheOtherPagesKeepTheFilters() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.signUp(email);
		for (int i = 0; i < 22; i++) {
			this.jdbc.sql("insert into security_event (occurred_at, account_id, type) values (?, ?, 'SIGN_IN_CODE_FAILED')")
				.params(io.zdash.support.SqlTime.utc(this.clock.instant().minusSeconds(i)), accountId(email)).update();
		}
		MockHttpSession admin = this.journey.signIn(adminEmail, WebJourney.PASSWORD);
		String filter = "/admin/events?account=" + email + "&type=SIGN_IN_CODE_FAILED";
		Document first = this.journey.page(filter, admin);
		assertThat(first.select(".security-event")).hasSize(20);
		assertThat(first.select(".security-event").first().text()).contains(email);
		String older = first.select("p.row a").attr("href");
		assertThat(older).contains("account=" + email).contains("type=SIGN_IN_CODE_FAILED").endsWith("page=1");
		Document second = this.journey.page(older, admin);
		assertThat(second.select(".security-event")).hasSize(2);
		assertThat(second.select("p.row a").attr("href")).endsWith("page=0");
		// An address no account has matches nothing, rather than being no filter at all.
		assertThat(this.journey.page("/admin/events?account=nobody-" + email, admin).select(".security-event")).isEmpty();
	}

	private MvcResult adminPost(MockHttpSession admin, String path) throws Exception {
		return this.mvc.perform(post(path).session(admin).with(csrf()).header("Referer", "http://localhost/admin")).andReturn();
	}

	private long accountId(String email) {
		return this.jdbc.sql("select id from account where email = ?").param(email).query(Long.class).single();
	}

}
