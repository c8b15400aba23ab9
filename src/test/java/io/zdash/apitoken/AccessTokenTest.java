package io.zdash.apitoken;

import java.time.Duration;
import java.util.List;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.support.Sha256;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Personal access tokens through the Security pages: made after a re-check, shown once, stored as a
 * hash, listed, revoked; and what revokes them without their owner (a new password, an
 * administrator's 2FA reset, a disabled account).
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessTokenTest extends JourneyTest {

	MockHttpSession session;

	long accountId;

	@BeforeEach
	void signedIn() throws Exception {
		this.jdbc.sql("delete from app_setting").update();
		this.session = this.journey.signUpAndSignIn(this.email);
		this.accountId = this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
	}

	@Test
	void whenATokenIsCreatedThenItIsShownOnceAndOnlyItsHashIsStored(CapturedOutput output) throws Exception {
		String token = this.journey.createToken(this.session, "deploy script", "instances:read", "security:read");
		assertThat(token).startsWith("zdp_").hasSize(47);
		assertThat(token.substring(4)).matches("[A-Za-z0-9_-]{43}");
		assertThat(this.jdbc.sql("select token_hash from access_token where account_id = ?").param(this.accountId)
			.query(String.class).single()).isEqualTo(Sha256.hex(token));
		assertThat(this.jdbc.sql("select scopes from access_token where account_id = ?").param(this.accountId)
			.query(String.class).single()).isEqualTo("instances:read security:read");

		Document list = this.journey.page("/security/tokens", this.session);
		assertThat(list.select(".access-token")).hasSize(1);
		assertThat(list.select(".access-token").text()).contains("deploy script", "instances:read", "security:read",
				"ends in " + token.substring(43), "Not used yet");
		assertThat(list.html()).as("never shown again").doesNotContain(token);
		assertThat(events("API_TOKEN_CREATED")).isOne();
		assertThat(this.jdbc.sql("select count(*) from security_event where detail like ?").param("%" + token.substring(4, 20) + "%")
			.query(Long.class).single()).isZero();
		assertThat(output.getAll()).doesNotContain(token).doesNotContain(token.substring(4));
	}

	@Test
	void whenTheSignInIsNotFreshThenCreatingATokenAsksForARecheckFirst() throws Exception {
		this.clock.advance(Duration.ofMinutes(30));
		MvcResult result = this.mvc.perform(post("/security/tokens").session(this.session).with(csrf())
			.param("name", "late").param("expiry", "30").param("scopes", "instances:read")).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).startsWith("/security/confirm");
		assertThat(count()).isZero();
	}

	@Test
	void whenTheFormIsWrongThenTheReasonIsShownAndNothingIsCreated() throws Exception {
		List<List<String>> wrong = List.of(List.of("", "30", "", "instances:read"),
				List.of("x".repeat(65), "30", "", "instances:read"), List.of("bad\u0007name", "30", "", "instances:read"),
				List.of("no scopes", "30", ""), List.of("unknown scope", "30", "", "instances:delete"),
				List.of("admin scope", "30", "", "admin:read"), List.of("bad expiry", "365", "", "instances:read"),
				List.of("no date", "date", "", "instances:read"), List.of("past date", "date", "2020-01-01", "instances:read"),
				List.of("too far", "date", "2099-01-01", "instances:read"),
				List.of("not a date", "date", "31/12/2026", "instances:read"),
				List.of("hostile date", "date", "<script>", "instances:read"));
		for (List<String> form : wrong) {
			var request = post("/security/tokens").session(this.session).with(csrf()).param("name", form.get(0))
				.param("expiry", form.get(1)).param("date", form.get(2));
			if (form.size() > 3) {
				request = request.param("scopes", form.get(3));
			}
			MvcResult result = this.mvc.perform(request).andReturn();
			assertThat(result.getResponse().getStatus()).as(form.toString()).isEqualTo(200);
			Document page = Jsoup.parse(result.getResponse().getContentAsString());
			assertThat(page.getElementById("token-error")).as(form.toString()).isNotNull();
			assertThat(page.getElementById("new-token")).as(form.toString()).isNull();
		}
		assertThat(count()).isZero();
	}

	@Test
	void whenADateIsChosenThenTheTokenWorksUntilTheEndOfThatDay() throws Exception {
		String day = java.time.LocalDate.ofInstant(this.clock.instant(), java.time.ZoneOffset.UTC).plusDays(10).toString();
		MvcResult result = this.mvc.perform(post("/security/tokens").session(this.session).with(csrf())
			.param("name", "Relatório mensal ✓").param("expiry", "date").param("date", day).param("scopes", "instances:read"))
			.andReturn();
		assertThat(Jsoup.parse(result.getResponse().getContentAsString()).getElementById("new-token")).isNotNull();
		assertThat(result.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(this.jdbc.sql("select name from access_token where account_id = ?").param(this.accountId)
			.query(String.class).single()).isEqualTo("Relatório mensal ✓");
	}

	@Test
	void whenTwoFactorIsRequiredAndNotSetUpThenNoTokenCanBeMade() throws Exception {
		this.jdbc.sql("insert into app_setting (setting_name, setting_value) values ('two-factor.required', 'true')").update();
		this.jdbc.sql("insert into app_setting (setting_name, setting_value) values ('two-factor.deadline', ?)")
			.param(this.clock.instant().plus(Duration.ofDays(10)).toString()).update();
		MvcResult result = this.mvc.perform(post("/security/tokens").session(this.session).with(csrf())
			.param("name", "early").param("expiry", "30").param("scopes", "instances:read")).andReturn();
		assertThat(Jsoup.parse(result.getResponse().getContentAsString()).getElementById("token-error").text())
			.contains("required");
		assertThat(count()).isZero();
	}

	@Test
	void whenATokenIsRevokedThenItNoLongerWorks() throws Exception {
		String kept = this.journey.createToken(this.session, "kept", "instances:read");
		String revoked = this.journey.createToken(this.session, "revoked", "instances:read");
		long id = this.jdbc.sql("select id from access_token where name = 'revoked' and account_id = ?").param(this.accountId)
			.query(Long.class).single();
		this.mvc.perform(post("/security/tokens/" + id + "/revoke").session(this.session).with(csrf())).andReturn();
		assertThat(status(revoked)).isEqualTo(401);
		assertThat(status(kept)).isEqualTo(200);
		assertThat(events("API_TOKEN_REVOKED")).isOne();

		this.mvc.perform(post("/security/tokens/revoke-all").session(this.session).with(csrf())).andReturn();
		assertThat(status(kept)).isEqualTo(401);
		assertThat(count()).isZero();
	}

	@Test
	void whenAnotherAccountRevokesByIdThenNothingHappens() throws Exception {
		String token = this.journey.createToken(this.session, "mine", "instances:read");
		long id = this.jdbc.sql("select id from access_token where account_id = ?").param(this.accountId).query(Long.class).single();
		MockHttpSession other = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		for (String path : List.of("/security/tokens/" + id + "/revoke", "/security/tokens/revoke-all",
				"/security/tokens/abc/revoke", "/security/tokens/99999999999999999999/revoke")) {
			assertThat(this.mvc.perform(post(path).session(other).with(csrf())).andReturn().getResponse().getRedirectedUrl())
				.as(path).isEqualTo("/security/tokens");
		}
		assertThat(status(token)).isEqualTo(200);
	}

	@Test
	void whenThePasswordChangesThenEveryTokenIsRevoked() throws Exception {
		String token = this.journey.createToken(this.session, "script", "instances:read");
		MvcResult changed = this.mvc.perform(post("/security/password").session(this.session).with(csrf())
			.param("newPassword", "Another-Long-Passphrase-4821")).andReturn();
		assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(status(token)).isEqualTo(401);
		assertThat(this.jdbc.sql("select detail from security_event where account_id = ? and type = 'API_TOKENS_REVOKED'")
			.param(this.accountId).query(String.class).single()).isEqualTo("count=1 reason=password");
	}

	@Test
	void whenTheTokenExpiresThenItIsRefusedLikeAnUnknownOne() throws Exception {
		String token = this.journey.createToken(this.session, "short", "instances:read");
		assertThat(status(token)).isEqualTo(200);
		// Its thirty days are over (the row's end moved, rather than the clock, so the session stays young).
		this.jdbc.sql("update access_token set expires_at = ? where account_id = ?")
			.params(java.sql.Timestamp.from(this.clock.instant().minusSeconds(1)), this.accountId).update();
		MvcResult expired = api(token);
		MvcResult unknown = api("zdp_" + "A".repeat(43));
		assertThat(expired.getResponse().getStatus()).isEqualTo(401);
		assertThat(expired.getResponse().getContentAsString()).isEqualTo(unknown.getResponse().getContentAsString());
		assertThat(this.journey.page("/security/tokens", this.session).select(".access-token").text()).contains("Expired");
	}

	@Test
	void whenATokenIsUsedThenItsUseIsNotedAtMostOnceAMinute() throws Exception {
		String token = this.journey.createToken(this.session, "busy", "instances:read");
		for (int i = 0; i < 5; i++) {
			assertThat(status(token)).isEqualTo(200);
		}
		assertThat(events("API_TOKEN_USED")).isOne();
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(status(token)).isEqualTo(200);
		assertThat(events("API_TOKEN_USED")).isEqualTo(2);
		assertThat(this.journey.page("/security/tokens", this.session).select(".access-token").text())
			.doesNotContain("Not used yet");
	}

	private int status(String token) throws Exception {
		return api(token).getResponse().getStatus();
	}

	private MvcResult api(String token) throws Exception {
		return this.mvc.perform(get("/api/v1/instances").header("Authorization", "Bearer " + token)).andReturn();
	}

	private long count() {
		return this.jdbc.sql("select count(*) from access_token where account_id = ?").param(this.accountId)
			.query(Long.class).single();
	}

	private long events(String type) {
		return this.jdbc.sql("select count(*) from security_event where account_id = ? and type = ?")
			.params(this.accountId, type).query(Long.class).single();
	}

}
