package io.zdash.twofactor;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.support.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The account's two-factor state and security log in the JSON API: facts, never secrets; the
 * account's own events only; filters checked; and the administrators' list of accounts.
 */
class AccountApiTest extends JourneyTest {

	MockHttpSession session;

	WebJourney.Enrolled enrolled;

	String token;

	@BeforeEach
	void enrolledWithAToken() throws Exception {
		this.session = this.journey.signUpAndSignIn(this.email);
		this.enrolled = this.journey.enableTwoFactor(this.session);
		this.session = this.journey.signInWithCode(this.email, this.enrolled.secret());
		this.token = this.journey.createToken(this.session, "monitor", "security:read");
	}

	@Test
	void whenTheTwoFactorStateIsReadThenItListsTheFactorsAndNoSecret() throws Exception {
		MockHttpServletResponse response = call(this.token, "/api/v1/account/two-factor");
		assertThat(response.getStatus()).isEqualTo(200);
		String body = response.getContentAsString();
		assertThat((Boolean) JsonPath.read(body, "$.enabled")).isTrue();
		assertThat((List<String>) JsonPath.read(body, "$.apps[*].name")).hasSize(1);
		assertThat((List<Object>) JsonPath.read(body, "$.keys")).isEmpty();
		assertThat((Integer) JsonPath.read(body, "$.recoveryCodesLeft")).isEqualTo(10);
		assertThat(body).doesNotContain(Base32.encode(this.enrolled.secret()))
			.doesNotContain(this.enrolled.recoveryCodes().get(0))
			.doesNotContainIgnoringCase("secret");
	}

	@Test
	void whenTheSecurityLogIsReadThenItHasTheAccountsOwnEventsFiltered() throws Exception {
		MockHttpSession other = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.journey.signIn(this.email, "wrong password, twice wrong");
		String all = call(this.token, "/api/v1/account/security-log").getContentAsString();
		List<String> types = JsonPath.read(all, "$.items[*].type");
		assertThat(types).contains("TWO_FACTOR_ENABLED", "SIGN_IN_PASSWORD_FAILED", "API_TOKEN_CREATED");
		assertThat((Integer) JsonPath.read(all, "$.size")).isEqualTo(20);
		String failed = call(this.token, "/api/v1/account/security-log?type=SIGN_IN_PASSWORD_FAILED").getContentAsString();
		assertThat((List<String>) JsonPath.read(failed, "$.items[*].type")).containsOnly("SIGN_IN_PASSWORD_FAILED").hasSize(1);
		String today = java.time.LocalDate.ofInstant(this.clock.instant(), java.time.ZoneOffset.UTC).toString();
		String dated = call(this.token, "/api/v1/account/security-log?from=" + today + "&to=" + today).getContentAsString();
		assertThat((List<String>) JsonPath.read(dated, "$.items")).isNotEmpty();
		String before = call(this.token, "/api/v1/account/security-log?to=2020-01-01").getContentAsString();
		assertThat((List<String>) JsonPath.read(before, "$.items")).isEmpty();

		String theirs = this.journey.createToken(other, "theirs", "security:read");
		String log = call(theirs, "/api/v1/account/security-log").getContentAsString();
		assertThat((List<String>) JsonPath.read(log, "$.items[*].type")).doesNotContain("TWO_FACTOR_ENABLED");
	}

	@Test
	void whenAFilterIsWrongThenTheProblemNamesIt() throws Exception {
		for (String query : List.of("type=NOPE", "type=" + "A".repeat(500), "from=2026-13-01", "to=yesterday",
				"from=2026-02-30", "page=0", "page=x", "type=%00")) {
			MockHttpServletResponse response = call(this.token, "/api/v1/account/security-log?" + query);
			assertThat(response.getStatus()).as(query).isEqualTo(422);
			assertThat((String) JsonPath.read(response.getContentAsString(), "$.type")).as(query)
				.isEqualTo("urn:zdash:problem:invalid-request");
		}
	}

	@Test
	void whenAnOrdinaryAccountAsksForTheAccountsListThenItIsRefused() throws Exception {
		MockHttpServletResponse byToken = call(this.token, "/api/v1/admin/accounts");
		assertThat(byToken.getStatus()).isEqualTo(403);
		assertThat((String) JsonPath.read(byToken.getContentAsString(), "$.scope")).isEqualTo("admin:read");
		assertThat(this.mvc.perform(get("/api/v1/admin/accounts").session(this.session)).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void whenAnAdministratorReadsTheAccountsThenTheirTwoFactorStateIsListed() throws Exception {
		this.jdbc.sql("update account set role = 'ADMIN' where email = ?").param(this.email).update();
		MockHttpSession admin = this.journey.signInWithCode(this.email, this.enrolled.secret());
		String adminToken = this.journey.createToken(admin, "audit", "admin:read");
		String page = call(adminToken, "/api/v1/admin/accounts").getContentAsString();
		assertThat((List<String>) JsonPath.read(page, "$.items[*].email")).isNotEmpty();
		List<Boolean> mine = JsonPath.read(page, "$.items[?(@.email == '" + this.email + "')].twoFactor");
		for (int next = 2; mine.isEmpty() && (Boolean) JsonPath.read(page, "$.hasMore"); next++) {
			page = call(adminToken, "/api/v1/admin/accounts?page=" + next).getContentAsString();
			mine = JsonPath.read(page, "$.items[?(@.email == '" + this.email + "')].twoFactor");
		}
		assertThat(mine).containsExactly(true);
		assertThat(page).doesNotContain("password").doesNotContainIgnoringCase("secret");
		assertThat(call(adminToken, "/api/v1/admin/accounts?page=0").getStatus()).isEqualTo(422);

		// The role taken away: the token, made while it was there, no longer reads the list.
		this.jdbc.sql("update account set role = 'USER' where email = ?").param(this.email).update();
		assertThat(call(adminToken, "/api/v1/admin/accounts").getStatus()).isEqualTo(403);
	}

	private MockHttpServletResponse call(String token, String path) throws Exception {
		return this.mvc.perform(get(path).header("Authorization", "Bearer " + token)).andReturn().getResponse();
	}

}
