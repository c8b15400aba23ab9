package io.zdash.twofactor;

import java.time.Instant;
import java.util.List;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.passkey.TestAuthenticator;
import io.zdash.support.Base32;
import io.zdash.support.SqlTime;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Several authenticator apps on one account, through the real pages: each added behind a code from
 * it, named, with its own replay ledger; codes from any of them sign in; the last one stays unless a
 * passkey that verifies its user can stand in.
 */
class AuthenticatorAppsTest extends JourneyTest {

	@org.springframework.beans.factory.annotation.Autowired
	TotpCredentials credentials;

	@org.springframework.beans.factory.annotation.Autowired
	io.zdash.recovery.RecoveryCodes recoveryCodes;

	Enrolled first;

	MockHttpSession session;

	long accountId;

	@BeforeEach
	void signedInWithOneApp() throws Exception {
		this.session = this.journey.signUpAndSignIn(this.email);
		this.first = this.journey.enableTwoFactor(this.session);
		this.accountId = this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
	}

	@Test
	void whenASecondAppIsAddedThenCodesFromEitherSignInAndItIsListedWithItsName() throws Exception {
		byte[] second = addApp(this.session, "Tablet do João 📱");
		Document security = this.journey.page("/security", this.session);
		assertThat(security.select(".totp-app .totp-app-name").eachText()).containsExactly("Authenticator app",
				"Tablet do João 📱");
		assertThat(events("AUTHENTICATOR_APP_ADDED")).isOne();
		assertThat(this.jdbc.sql("select count(*) from security_event where account_id = ? and detail like '%João%'")
			.param(this.accountId).query(Long.class).single()).as("the log names the app by its id, not its name").isZero();

		this.journey.signInWithCode(this.email, this.first.secret());
		this.journey.signInWithCode(this.email, second);
		assertThat(this.jdbc.sql("select count(*) from totp_app where account_id = ? and last_used_at is not null")
			.param(this.accountId).query(Long.class).single()).as("each app shows when it was last used").isEqualTo(2);
	}

	@Test
	void whenTwoAppsAreUsedInTheSameStepThenEachHasItsOwnLedger() throws Exception {
		byte[] second = addApp(this.session, "Tablet");
		this.journey.nextStep();
		String fromFirst = this.journey.currentCode(this.first.secret());
		String fromSecond = this.journey.currentCode(second);
		MockHttpSession one = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(one, fromFirst).getResponse().getRedirectedUrl()).isEqualTo("/");
		MockHttpSession two = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(two, fromSecond).getResponse().getRedirectedUrl())
			.as("the first app's code did not use up the second's").isEqualTo("/");
		MockHttpSession three = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(three, fromFirst).getResponse().getStatus()).as("but each code works once")
			.isEqualTo(200);
		assertThat(events("CODE_REPLAY_REFUSED")).isOne();
	}

	@Test
	void whenTheNameOrCodeIsWrongThenThePageSaysWhyAndNothingIsAdded() throws Exception {
		Document page = this.journey.page("/security/two-factor/apps/new", this.session);
		byte[] pending = Base32.decode(page.getElementById("totp-secret").text());
		String right = this.journey.currentCode(pending);
		for (String[] form : List.of(new String[] { "", right }, new String[] { " ", right },
				new String[] { "x".repeat(65), right }, new String[] { "Work\nphone", right },
				new String[] { "Work\u202ephone", right }, new String[] { "Phone", "" },
				new String[] { "Phone", "12 34" }, new String[] { "Phone", "٣٤٥٦٧٨" },
				new String[] { "Phone", "9".repeat(100_000) }, new String[] { "Phone", this.journey.wrongCode(pending) },
				new String[] { "Phone", this.journey.currentCode(this.first.secret()) })) {
			MvcResult result = this.mvc.perform(post("/security/two-factor/apps").session(this.session).with(csrf())
				.param("name", form[0]).param("code", form[1])).andReturn();
			assertThat(result.getResponse().getStatus()).as(form[0] + " / " + form[1].length()).isEqualTo(200);
			Document answer = Jsoup.parse(result.getResponse().getContentAsString());
			assertThat(answer.getElementById("add-app-error").text()).isNotBlank();
			assertThat(answer.getElementById("totp-secret").text()).as("the same key, to try again")
				.isEqualTo(page.getElementById("totp-secret").text());
		}
		assertThat(apps()).isOne();
		assertThat(events("AUTHENTICATOR_APP_ADDED")).isZero();
		MvcResult added = this.mvc.perform(post("/security/two-factor/apps").session(this.session).with(csrf())
			.param("name", "  Phone  ").param("code", right)).andReturn();
		assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/security#two-factor");
		assertThat(this.jdbc.sql("select name from totp_app where account_id = ? and name is not null")
			.param(this.accountId).query(String.class).single()).isEqualTo("Phone");
	}

	@Test
	void whenTheKeyOnThePageExpiredThenANewOneIsShownAndNothingIsAdded() throws Exception {
		Document page = this.journey.page("/security/two-factor/apps/new", this.session);
		byte[] pending = Base32.decode(page.getElementById("totp-secret").text());
		this.jdbc.sql("update totp_enrollment set expires_at = ? where account_id = ?")
			.params(SqlTime.utc(Instant.now().minusSeconds(1)), this.accountId).update();
		MvcResult result = this.mvc.perform(post("/security/two-factor/apps").session(this.session).with(csrf())
			.param("name", "Phone").param("code", this.journey.currentCode(pending))).andReturn();
		Document answer = Jsoup.parse(result.getResponse().getContentAsString());
		assertThat(answer.getElementById("add-app-error").text()).contains("expired");
		assertThat(answer.getElementById("totp-secret").text()).isNotEqualTo(page.getElementById("totp-secret").text());
		assertThat(answer.getElementById("app-name").val()).isEqualTo("Phone");
		assertThat(apps()).isOne();
	}

	@Test
	void whenTheAccountHasTenAppsThenNoEleventhCanBeAdded() throws Exception {
		for (int i = 2; i <= AuthenticatorApps.MAX_APPS; i++) {
			addApp(this.session, "App " + i);
		}
		MvcResult refused = this.mvc.perform(get("/security/two-factor/apps/new").session(this.session)).andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/security#two-factor");
		assertThat(refused.getFlashMap().get("appsError")).isEqualTo("apps.error.tooMany");
		assertThat(this.mvc.perform(post("/security/two-factor/apps").session(this.session).with(csrf())
			.param("name", "Eleventh").param("code", "123456")).andReturn().getFlashMap().get("appsError"))
			.isEqualTo("apps.error.tooMany");
		assertThat(apps()).isEqualTo(AuthenticatorApps.MAX_APPS);
	}

	@Test
	void whenAnAppIsRemovedThenItsCodesNoLongerSignInAndTheOtherSessionsAreSignedOut() throws Exception {
		byte[] second = addApp(this.session, "Old phone");
		MockHttpSession other = this.journey.signInWithCode(this.email, second);
		long id = appNamed("Old phone");
		MvcResult removed = this.mvc.perform(post("/security/two-factor/apps/" + id + "/remove").session(this.session)
			.with(csrf())).andReturn();
		assertThat(removed.getFlashMap().get("notice")).isEqualTo("apps.notice.removed");
		assertThat(this.mvc.perform(get("/security").session(other)).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
		assertThat(events("AUTHENTICATOR_APP_REMOVED")).isOne();

		this.journey.nextStep();
		MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(next, this.journey.currentCode(second)).getResponse().getStatus())
			.isEqualTo(200);
		assertThat(this.journey.submitCode(next, this.journey.currentCode(this.first.secret())).getResponse()
			.getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenTheLastAppWouldGoWithoutAPasskeyThenItIsRefusedWithTheReason() throws Exception {
		long only = this.jdbc.sql("select id from totp_app where account_id = ?").param(this.accountId)
			.query(Long.class).single();
		MvcResult refused = this.mvc.perform(post("/security/two-factor/apps/" + only + "/remove").session(this.session)
			.with(csrf())).andReturn();
		assertThat(refused.getFlashMap().get("appsError")).isEqualTo("apps.error.last");
		assertThat(apps()).isOne();
		assertThat(this.journey.page("/security", this.session).select(".remove-app")).hasSize(1);
	}

	@Test
	void whenAPasskeyVerifiesItsUserThenTheLastAppMayGoAndThenTheKeyIsTheLastFactor() throws Exception {
		TestAuthenticator key = new TestAuthenticator();
		String created = key.create(options(this.session, "/security/passkeys/options"));
		this.mvc.perform(post("/security/passkeys").session(this.session).with(csrf()).param("label", "Phone")
			.param("credential", created));
		long only = this.jdbc.sql("select id from totp_app where account_id = ?").param(this.accountId)
			.query(Long.class).single();
		MvcResult removed = this.mvc.perform(post("/security/two-factor/apps/" + only + "/remove").session(this.session)
			.with(csrf())).andReturn();
		assertThat(removed.getFlashMap().get("notice")).isEqualTo("apps.notice.removed");
		assertThat(apps()).isZero();
		assertThat(this.journey.page("/security", this.session).getElementById("no-apps")).isNotNull();

		// The second step now offers the key (and recovery codes), no code field that cannot work.
		MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
		Document step = this.journey.page("/login/totp", next);
		assertThat(step.getElementById("use-passkey")).isNotNull();
		assertThat(step.getElementById("code")).isNull();
		String answer = key.get(options(next, "/login/passkey/options"));
		assertThat(this.mvc.perform(post("/login/passkey").session(next).with(csrf()).param("credential", answer))
			.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");

		long keyId = this.jdbc.sql("select id from passkey where account_id = ?").param(this.accountId)
			.query(Long.class).single();
		MvcResult last = this.mvc.perform(post("/security/passkeys/" + keyId + "/remove").session(next).with(csrf()))
			.andReturn();
		assertThat(last.getFlashMap().get("passkeyError")).isEqualTo("passkey.error.last");
		assertThat(this.jdbc.sql("select count(*) from passkey where account_id = ?").param(this.accountId)
			.query(Long.class).single()).isOne();

		// Turning 2FA off: the password, and the fresh key stands for the code there is no app for.
		Document security = this.journey.page("/security", next);
		assertThat(security.getElementById("disable-password")).isNotNull();
		assertThat(security.getElementById("disable-code")).isNull();
		assertThat(this.mvc.perform(post("/security/two-factor/disable").session(next).with(csrf())
			.param("password", "wrong " + WebJourney.PASSWORD)).andReturn().getFlashMap().get("disableError"))
			.isEqualTo("security.disable.error");
		MvcResult off = this.mvc.perform(post("/security/two-factor/disable").session(next).with(csrf())
			.param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(off.getFlashMap().get("notice")).isEqualTo("security.notice.disabled");
		assertThat(this.jdbc.sql("select count(*) from passkey where account_id = ?").param(this.accountId)
			.query(Long.class).single()).isZero();
		assertThat(events("TWO_FACTOR_DISABLED")).isOne();
	}

	@Test
	void whenTheAccountHasSeveralAppsThenFewerWrongCodesInARowBlockThem() throws Exception {
		addApp(this.session, "Tablet");
		assertThat(WrongSecondFactor.blockAfter(100, 1)).isEqualTo(100);
		assertThat(WrongSecondFactor.blockAfter(100, 2)).isEqualTo(50);
		assertThat(WrongSecondFactor.blockAfter(100, 10)).isEqualTo(10);
		assertThat(WrongSecondFactor.blockAfter(5, 10)).isOne();
		// Each guess was tried against both apps: 50 in a row are as many guesses as 100 with one app.
		MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.jdbc.sql("update attempt_gate set failures = 50, locked_until = null where kind = 'SECOND_FACTOR' and gate_key = ?")
			.param(Long.toString(this.accountId)).update();
		this.jdbc.sql("insert into attempt_gate (kind, gate_key, failures, last_failure_at) select 'SECOND_FACTOR', ?, 50, ? "
				+ "where not exists (select 1 from attempt_gate where kind = 'SECOND_FACTOR' and gate_key = ?)")
			.params(Long.toString(this.accountId), SqlTime.utc(this.clock.instant()), Long.toString(this.accountId)).update();
		MvcResult blocked = this.journey.submitCode(next, this.journey.wrongCode(this.first.secret()));
		assertThat(blocked.getResponse().getContentAsString()).contains("blocked");
		assertThat(events("AUTHENTICATOR_BLOCKED")).isOne();
	}

	@Test
	void whenTheAppCodesAreBlockedThenACodeCheckedBeforeTheBlockIsNotTakenEither() {
		assertThat(this.credentials.lockUnblocked(this.accountId)).isTrue();
		this.jdbc.sql("update totp_credential set blocked_at = ? where account_id = ?")
			.params(SqlTime.utc(this.clock.instant()), this.accountId).update();
		assertThat(this.credentials.lockUnblocked(this.accountId)).isFalse();
		assertThat(this.credentials.lock(this.accountId)).as("2FA itself is still on").isTrue();
	}

	@Test
	void whenTwoFactorIsTurnedOffThenNoAppCanOutliveItNorNewRecoveryCodesBeMade() {
		assertThat(apps()).isOne();
		assertThat(this.recoveryCodes.regenerate(this.accountId, io.zdash.support.Origin.NONE)).isPresent();
		this.jdbc.sql("delete from totp_credential where account_id = ?").param(this.accountId).update();
		assertThat(apps()).as("the database itself removes the apps with 2FA").isZero();
		this.jdbc.sql("delete from recovery_code where account_id = ?").param(this.accountId).update();
		assertThat(this.recoveryCodes.regenerate(this.accountId, io.zdash.support.Origin.NONE)).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from recovery_code where account_id = ?").param(this.accountId)
			.query(Long.class).single()).isZero();
	}

	@Test
	void whenAnAppIsRenamedThenOnlyTheOwnersAppChangesAndBadNamesAreRefused() throws Exception {
		long id = this.jdbc.sql("select id from totp_app where account_id = ?").param(this.accountId)
			.query(Long.class).single();
		MockHttpSession stranger = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.journey.enableTwoFactor(stranger);
		for (String path : List.of("/security/two-factor/apps/" + id + "/rename", "/security/two-factor/apps/" + id + "/remove",
				"/security/two-factor/apps/abc/remove", "/security/two-factor/apps/-1/rename",
				"/security/two-factor/apps/99999999999999999999/remove")) {
			MvcResult result = this.mvc.perform(post(path).session(stranger).with(csrf()).param("name", "Mine now"))
				.andReturn();
			assertThat(result.getFlashMap().get("notice")).as(path).isEqualTo("apps.notice.gone");
		}
		for (String bad : List.of("", "x".repeat(65), "a\u0000b")) {
			assertThat(this.mvc.perform(post("/security/two-factor/apps/" + id + "/rename").session(this.session)
				.with(csrf()).param("name", bad)).andReturn().getFlashMap().get("appsError")).isEqualTo("apps.error.name");
		}
		assertThat(this.mvc.perform(post("/security/two-factor/apps/" + id + "/rename").session(this.session).with(csrf())
			.param("name", "iPhone")).andReturn().getFlashMap().get("notice")).isEqualTo("apps.notice.renamed");
		assertThat(this.journey.page("/security", this.session).select(".totp-app-name").text()).isEqualTo("iPhone");
		assertThat(events("AUTHENTICATOR_APP_RENAMED")).isOne();
	}

	@Test
	void whenTheReaderIsBrazilianThenTheAppsAreInPortuguese() throws Exception {
		MvcResult page = this.mvc.perform(get("/security").session(this.session).header("Accept-Language", "pt-BR"))
			.andReturn();
		Document security = Jsoup.parse(page.getResponse().getContentAsString());
		assertThat(security.select(".totp-app-name").text()).isEqualTo("Aplicativo autenticador");
		MvcResult add = this.mvc.perform(get("/security/two-factor/apps/new").session(this.session)
			.header("Accept-Language", "pt-BR")).andReturn();
		assertThat(Jsoup.parse(add.getResponse().getContentAsString()).getElementById("add-app-submit").text())
			.isNotEqualTo("Add this app").isNotBlank();
	}

	@Test
	void whenTwoFactorIsOffThenNoAppCanBeAddedThisWay() throws Exception {
		MockHttpSession plain = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		MvcResult refused = this.mvc.perform(get("/security/two-factor/apps/new").session(plain)).andReturn();
		assertThat(refused.getFlashMap().get("appsError")).isEqualTo("apps.error.twoFactorOff");
	}

	/** Add another app → its key from the page → name and code; returns its secret. */
	private byte[] addApp(MockHttpSession session, String name) throws Exception {
		Document page = this.journey.page("/security/two-factor/apps/new", session);
		byte[] secret = Base32.decode(page.getElementById("totp-secret").text());
		MvcResult added = this.mvc.perform(post("/security/two-factor/apps").session(session).with(csrf())
			.param("name", name).param("code", this.journey.currentCode(secret))).andReturn();
		assertThat(added.getResponse().getRedirectedUrl()).as(name).isEqualTo("/security#two-factor");
		assertThat(added.getFlashMap().get("notice")).isEqualTo("apps.notice.added");
		return secret;
	}

	private String options(MockHttpSession session, String path) throws Exception {
		MvcResult result = this.mvc.perform(post(path).session(session).with(csrf())).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private long appNamed(String name) {
		return this.jdbc.sql("select id from totp_app where account_id = ? and name = ?").params(this.accountId, name)
			.query(Long.class).single();
	}

	private long apps() {
		return this.jdbc.sql("select count(*) from totp_app where account_id = ?").param(this.accountId)
			.query(Long.class).single();
	}

	private long events(String type) {
		return this.jdbc.sql("select count(*) from security_event where account_id = ? and type = ?")
			.params(this.accountId, type).query(Long.class).single();
	}

}
