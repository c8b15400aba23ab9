package io.zdash.passkey;

import java.util.List;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.account.AccountDirectory;
import io.zdash.support.Origin;
import io.zdash.twofactor.TwoFactorAdmin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The server side of the WebAuthn ceremonies through the real routes, with a software authenticator:
 * adding a key, the key as the second factor and as the whole sign-in, and every way an answer can
 * be wrong — each refused with a message, never a 500, and changing nothing.
 */
class PasskeyTest extends JourneyTest {

	@Autowired
	AccountDirectory directory;

	@Autowired
	Passkeys passkeys;

	@Autowired
	TwoFactorAdmin twoFactorAdmin;

	@Autowired
	io.zdash.account.AccountService accounts;

	@Autowired
	PasskeyCeremonies ceremonies;

	TestAuthenticator authenticator;

	MockHttpSession session;

	long accountId;

	@BeforeEach
	void signedInWithTwoFactor() throws Exception {
		this.authenticator = new TestAuthenticator();
		this.session = this.journey.signUpAndSignIn(this.email);
		this.journey.enableTwoFactor(this.session);
		this.accountId = this.directory.idOf(this.email).orElseThrow();
	}

	@Test
	void whenAKeyIsAddedThenItIsListedAsAPasskeyAndLogged() throws Exception {
		MvcResult added = add(this.session, this.authenticator, "Chave do João 🔑");
		assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/security#passkeys");
		assertThat(added.getFlashMap().get("notice")).isEqualTo("passkey.notice.added");
		assertThat(this.passkeys.of(this.accountId)).singleElement().satisfies(key -> {
			assertThat(key.label()).isEqualTo("Chave do João 🔑");
			assertThat(key.passkey()).isTrue();
			assertThat(key.lastUsedAt()).isNull();
		});
		assertThat(events("PASSKEY_ADDED")).isOne();
		assertThat(this.journey.page("/security", this.session).select(".passkey .passkey-name").text())
			.isEqualTo("Chave do João 🔑");
	}

	@Test
	void whenTwoFactorWasJustTurnedOnThenTheCardInvitesToAddAPasskeyOnce() throws Exception {
		String invite = "passkey-invite";
		assertThat(this.journey.securityPageAfterEnrollment().getElementById(invite).text()).contains("later");
		assertThat(this.journey.page("/security", this.session).getElementById(invite)).isNull();
	}

	@Test
	void whenTheAnswerIsNotAKeysThenThePageSaysSoAndNothingIsStored() throws Exception {
		for (String bad : List.of("", "{", "null", "[]", "{\"id\":\"x\"}", "x".repeat(70_000),
				"{\"rawId\":\"@@@\",\"response\":{}}", "\u0000\uFFFF")) {
			String options = options(this.session, "/security/passkeys/options");
			assertThat(options).contains("challenge");
			MvcResult result = this.mvc.perform(post("/security/passkeys").session(this.session).with(csrf())
				.param("label", "Laptop").param("credential", bad)).andReturn();
			assertThat(result.getResponse().getStatus()).isEqualTo(302);
			assertThat(result.getFlashMap().get("passkeyError")).isEqualTo("passkey.error.notAdded");
		}
		assertThat(this.passkeys.of(this.accountId)).isEmpty();
	}

	@Test
	void whenTheNameIsEmptyTooLongOrHasControlCharactersThenTheKeyIsNotAdded() throws Exception {
		for (String label : List.of("", "   ", "x".repeat(65), "line\nbreak", "tab\there")) {
			MvcResult result = add(this.session, this.authenticator, label);
			assertThat(result.getFlashMap().get("passkeyError")).as(label).isEqualTo("passkey.error.label");
		}
		assertThat(this.passkeys.of(this.accountId)).isEmpty();
	}

	@Test
	void whenTheOriginOrRelyingPartyIsAnotherSiteThenTheKeyIsRefused() throws Exception {
		this.authenticator.origin = "http://zapi-login.example";
		assertThat(add(this.session, this.authenticator, "Phished").getFlashMap().get("passkeyError"))
			.isEqualTo("passkey.error.notAdded");
		this.authenticator.origin = "http://localhost";
		this.authenticator.rpId = "zapi-login.example";
		assertThat(add(this.session, this.authenticator, "Phished").getFlashMap().get("passkeyError"))
			.isEqualTo("passkey.error.notAdded");
		assertThat(this.passkeys.of(this.accountId)).isEmpty();
	}

	@Test
	void whenARegistrationIsSentAgainThenItIsNotAddedTwice() throws Exception {
		String answer = this.authenticator.create(options(this.session, "/security/passkeys/options"));
		assertThat(register(this.session, "Laptop", answer).getFlashMap().get("notice")).isEqualTo("passkey.notice.added");
		assertThat(register(this.session, "Laptop", answer).getFlashMap().get("passkeyError")).isEqualTo("passkey.error.expired");
		options(this.session, "/security/passkeys/options");
		assertThat(register(this.session, "Laptop", answer).getFlashMap().get("passkeyError"))
			.isEqualTo("passkey.error.alreadyAdded");
		assertThat(this.passkeys.of(this.accountId)).hasSize(1);
	}

	@Test
	void whenTheAccountHasNoTwoFactorThenNoKeyCanBeAddedAndTheProblemSaysWhy() throws Exception {
		MockHttpSession other = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		MvcResult result = this.mvc.perform(post("/security/passkeys/options").session(other).with(csrf())).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(409);
		assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		assertThat(result.getResponse().getContentAsString()).contains("authenticator app first");
	}

	@Test
	void whenTheKeyAnswersAtTheSecondStepThenTheSignInIsCompleteAndTheUseIsLogged() throws Exception {
		add(this.session, this.authenticator, "Laptop");
		MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.page("/login/totp", next).getElementById("use-passkey")).isNotNull();
		MvcResult result = secondStep(next, this.authenticator);
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(this.journey.page("/security", next).getElementById("passkeys")).isNotNull();
		assertThat(events("SIGN_IN_KEY_SUCCEEDED")).isOne();
		assertThat(this.passkeys.of(this.accountId).get(0).lastUsedAt()).isNotNull();
	}

	@Test
	void whenAnotherAccountsKeyOrATamperedOrReplayedAnswerComesThenTheSecondStepRefusesIt() throws Exception {
		add(this.session, this.authenticator, "Laptop");
		MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);

		// Someone else's key, answering this sign-in's challenge.
		TestAuthenticator stranger = new TestAuthenticator();
		MockHttpSession strangerSession = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.journey.enableTwoFactor(strangerSession);
		add(strangerSession, stranger, "Theirs");
		assertRefused(next, stranger.get(options(next, "/login/passkey/options")));

		// A signature that does not match: one byte of the answer changed.
		String answer = this.authenticator.get(options(next, "/login/passkey/options"));
		String signature = answer.replaceAll(".*\"signature\":\"([^\"]+)\".*", "$1");
		String flipped = (signature.charAt(5) == 'A' ? 'B' : 'A') + "";
		assertRefused(next, answer.replace(signature, signature.substring(0, 5) + flipped + signature.substring(6)));

		// A right answer, sent twice: its challenge is used up by the first.
		String good = this.authenticator.get(options(next, "/login/passkey/options"));
		assertThat(this.mvc.perform(post("/login/passkey").session(next).with(csrf()).param("credential", good))
			.andReturn().getResponse().getRedirectedUrl()).doesNotContain("/login");
		MockHttpSession replay = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertRefused(replay, good);
		assertThat(events("SIGN_IN_KEY_FAILED")).isEqualTo(3);
	}

	@Test
	void whenTheSignatureCounterGoesBackThenTheKeyIsRefusedRecordedAndNothingChanges() throws Exception {
		this.authenticator.counter = 10;
		add(this.session, this.authenticator, "YubiKey 5");
		this.authenticator.counter = 11;
		assertThat(secondStep(this.journey.signIn(this.email, WebJourney.PASSWORD), this.authenticator)
			.getResponse().getRedirectedUrl()).isEqualTo("/");
		java.time.Instant used = this.passkeys.of(this.accountId).get(0).lastUsedAt();
		for (long copy : List.of(11L, 5L)) {
			this.authenticator.counter = copy;
			MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
			assertRefused(next, this.authenticator.get(options(next, "/login/passkey/options")));
		}
		assertThat(events("KEY_COUNTER_WENT_BACK")).isEqualTo(2);
		assertThat(this.passkeys.of(this.accountId).get(0).lastUsedAt()).isEqualTo(used);
		this.authenticator.counter = 12;
		assertThat(secondStep(this.journey.signIn(this.email, WebJourney.PASSWORD), this.authenticator)
			.getResponse().getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void whenASyncedPasskeyAlwaysCountsZeroThenItKeepsWorking() throws Exception {
		add(this.session, this.authenticator, "Password manager");
		for (int i = 0; i < 2; i++) {
			assertThat(secondStep(this.journey.signIn(this.email, WebJourney.PASSWORD), this.authenticator)
				.getResponse().getRedirectedUrl()).isEqualTo("/");
		}
		assertThat(events("KEY_COUNTER_WENT_BACK")).isZero();
	}

	@Test
	void whenAPasskeyThatVerifiesItsUserSignsInAloneThenTheSignInIsCompleteWithoutThePassword() throws Exception {
		add(this.session, this.authenticator, "Phone");
		MockHttpSession browser = new MockHttpSession();
		this.mvc.perform(get("/login").session(browser));
		String answer = this.authenticator.get(options(browser, "/login/with-passkey/options"));
		MvcResult result = this.mvc.perform(post("/login/with-passkey").session(browser).with(csrf())
			.param("credential", answer)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(this.journey.page("/security", browser).getElementById("passkeys")).isNotNull();
		assertThat(events("SIGN_IN_PASSKEY_SUCCEEDED")).isOne();
	}

	@Test
	void whenThePasskeyDidNotVerifyItsUserOrIsUnknownThenItDoesNotSignInAlone() throws Exception {
		add(this.session, this.authenticator, "Security key without PIN");
		for (TestAuthenticator key : List.of(this.authenticator, new TestAuthenticator())) {
			key.verifiesUser = false;
			MockHttpSession browser = new MockHttpSession();
			this.mvc.perform(get("/login").session(browser));
			String answer = key.get(options(browser, "/login/with-passkey/options"));
			MvcResult result = this.mvc.perform(post("/login/with-passkey").session(browser).with(csrf())
				.param("credential", answer)).andReturn();
			assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?passkeyRefused");
			assertThat(this.mvc.perform(get("/security").session(browser)).andReturn().getResponse().getRedirectedUrl())
				.endsWith("/login");
		}
		assertThat(events("SIGN_IN_PASSKEY_FAILED")).isOne();
	}

	@Test
	void whenTwoFactorIsResetByAnAdministratorThenTheKeysGoToo() throws Exception {
		add(this.session, this.authenticator, "Laptop");
		assertThat(this.passkeys.isEnrolled(this.accountId)).isTrue();
		this.twoFactorAdmin.reset(this.accountId, 0, Origin.NONE);
		assertThat(this.passkeys.of(this.accountId)).isEmpty();
	}

	@Test
	void whenTwoFactorIsResetWhileTheBrowserAsksForTheKeyThenTheKeyIsNotAdded() throws Exception {
		String answer = this.authenticator.create(options(this.session, "/security/passkeys/options"));
		this.twoFactorAdmin.reset(this.accountId, 0, Origin.NONE);
		MvcResult refused = register(this.session, "Laptop", answer);
		assertThat(refused.getFlashMap().get("passkeyError")).isEqualTo("passkey.error.twoFactorFirst");
		assertThat(this.passkeys.of(this.accountId)).isEmpty();
		assertThat(events("PASSKEY_ADDED")).isZero();
	}

	@Test
	void whenAKeyIsRenamedOrRemovedThenOnlyTheOwnersKeyChanges() throws Exception {
		add(this.session, this.authenticator, "Laptop");
		long id = this.passkeys.of(this.accountId).get(0).id();
		MockHttpSession stranger = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.journey.enableTwoFactor(stranger);
		for (String path : List.of("/security/passkeys/" + id + "/rename", "/security/passkeys/" + id + "/remove",
				"/security/passkeys/abc/remove", "/security/passkeys/-1/rename", "/security/passkeys/99999999999999999999/remove")) {
			MvcResult result = this.mvc.perform(post(path).session(stranger).with(csrf()).param("label", "Mine now"))
				.andReturn();
			assertThat(result.getFlashMap().get("notice")).as(path).isEqualTo("passkey.notice.gone");
		}
		assertThat(this.mvc.perform(post("/security/passkeys/" + id + "/rename").session(this.session).with(csrf())
			.param("label", "Old laptop")).andReturn().getFlashMap().get("notice")).isEqualTo("passkey.notice.renamed");
		assertThat(this.passkeys.of(this.accountId).get(0).label()).isEqualTo("Old laptop");
		assertThat(this.mvc.perform(post("/security/passkeys/" + id + "/remove").session(this.session).with(csrf()))
			.andReturn().getFlashMap().get("notice")).isEqualTo("passkey.notice.removed");
		assertThat(this.passkeys.of(this.accountId)).isEmpty();
		assertThat(events("PASSKEY_REMOVED")).isOne();
	}

	@Test
	void whenAKeyIsAddedThenTheOtherSessionsAreSignedOut() throws Exception {
		add(this.session, this.authenticator, "Phone");
		MockHttpSession other = signInAlone(this.authenticator);
		assertThat(this.mvc.perform(get("/security").session(other)).andReturn().getResponse().getStatus()).isEqualTo(200);
		add(this.session, new TestAuthenticator(), "Laptop");
		assertThat(this.mvc.perform(get("/security").session(other)).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
		assertThat(this.mvc.perform(get("/security").session(this.session)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void whenWrongAnswersRepeatThenTheSecondStepPausesLikeWrongCodes() throws Exception {
		add(this.session, this.authenticator, "Laptop");
		TestAuthenticator stranger = new TestAuthenticator();
		int status = 200;
		for (int i = 0; i < 8 && status == 200; i++) {
			MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
			status = this.mvc.perform(post("/login/passkey").session(next).with(csrf())
				.param("credential", stranger.get(options(next, "/login/passkey/options")))).andReturn().getResponse().getStatus();
		}
		assertThat(status).isEqualTo(429);
		// During the pause even the right key is not looked at.
		MockHttpSession next = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(secondStep(next, this.authenticator).getResponse().getStatus()).isEqualTo(429);
		assertThat(events("SIGN_IN_THROTTLED")).isPositive();
	}

	@Test
	void whenWrongKeysFollowTheRightPasswordThenTheyCountWithWrongCodesTowardsTheWarningAndTheBlock() throws Exception {
		add(this.session, this.authenticator, "Laptop");
		TestAuthenticator stranger = new TestAuthenticator();
		for (int i = 0; i <= io.zdash.support.Backoff.FREE_FAILURES + 1; i++) {
			// Past the pause the last one earned (the factors carry real time, so the clock stays).
			this.jdbc.sql("update attempt_gate set locked_until = null where kind = 'SECOND_FACTOR'").update();
			assertNotSignedIn(this.journey.signIn(this.email, WebJourney.PASSWORD), stranger);
		}
		assertThat(events("SECOND_FACTOR_GUESSED")).as("once the free failures are spent").isOne();

		// The hundredth wrong second factor in a row, key or code, blocks the app codes (NIST 800-63B).
		this.jdbc.sql("update attempt_gate set failures = 100, locked_until = null where kind = 'SECOND_FACTOR' and gate_key = ?")
			.param(Long.toString(this.accountId)).update();
		assertThat(assertNotSignedIn(this.journey.signIn(this.email, WebJourney.PASSWORD), stranger)
			.getResponse().getContentAsString()).contains("recovery code");
		assertThat(events("AUTHENTICATOR_BLOCKED")).isOne();
		assertThat(this.jdbc.sql("select blocked_at from totp_credential where account_id = ?").param(this.accountId)
			.query(java.sql.Timestamp.class).single()).isNotNull();
	}

	@Test
	void whenTheKeyDidNotVerifyItsUserAtTheSecondStepThenTheSignInIsCompleteButNotFreshForSensitiveActions()
			throws Exception {
		add(this.session, this.authenticator, "Security key without PIN");
		this.authenticator.verifiesUser = false;
		MockHttpSession touched = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(secondStep(touched, this.authenticator).getResponse().getRedirectedUrl()).isEqualTo("/");
		MvcResult asked = this.mvc.perform(post("/security/passkeys/options").session(touched).with(csrf())).andReturn();
		assertThat(asked.getResponse().getRedirectedUrl()).as("a touch is not a PIN").startsWith("/security/confirm");

		this.authenticator.verifiesUser = true;
		MockHttpSession verified = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(secondStep(verified, this.authenticator).getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(options(verified, "/security/passkeys/options")).contains("challenge");
	}

	@Test
	void whenOneSessionBeginsCeremoniesAtTheSameInstantThenNoneFailsAndTheLastChallengeIsTheOneKept() throws Exception {
		String sessionHash = io.zdash.support.RandomText.hex(32);
		java.time.Instant expires = this.clock.instant().plusSeconds(300);
		List<java.util.concurrent.Callable<String>> clicks = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String challenge = "challenge-" + i;
			clicks.add(() -> {
				this.ceremonies.begin(sessionHash, PasskeyCeremonies.Purpose.SIGN_IN,
						new PasskeyCeremonies.Ceremony(challenge, null, "required", expires));
				return challenge;
			});
		}
		List<String> begun = io.zdash.SubmissionRace.atOnce(clicks);
		assertThat(begun).hasSize(8);
		assertThat(this.ceremonies.take(sessionHash, PasskeyCeremonies.Purpose.SIGN_IN, this.clock.instant()))
			.hasValueSatisfying(kept -> assertThat(kept.challenge()).startsWith("challenge-"));
		assertThat(this.ceremonies.take(sessionHash, PasskeyCeremonies.Purpose.SIGN_IN, this.clock.instant()))
			.as("one row per session and purpose").isEmpty();
	}

	@Test
	void whenTheReCheckIsDueThenAKeyThatVerifiesItsUserConfirmsIt() throws Exception {
		add(this.session, this.authenticator, "Phone");
		this.clock.advance(java.time.Duration.ofMinutes(11));
		MvcResult stale = this.mvc.perform(post("/security/passkeys/options").session(this.session).with(csrf())).andReturn();
		assertThat(stale.getResponse().getRedirectedUrl()).startsWith("/security/confirm");
		assertThat(this.journey.page("/security/confirm", this.session).getElementById("stepup-passkey")).isNotNull();

		this.authenticator.verifiesUser = false;
		String unverified = this.authenticator.get(options(this.session, "/security/confirm/passkey-options"));
		MvcResult refused = this.mvc.perform(post("/security/confirm").session(this.session).with(csrf())
			.param("continue", "/security").param("credential", unverified)).andReturn();
		assertThat(refused.getResponse().getContentAsString()).contains("was not accepted for this account");

		this.authenticator.verifiesUser = true;
		String verified = this.authenticator.get(options(this.session, "/security/confirm/passkey-options"));
		MvcResult confirmed = this.mvc.perform(post("/security/confirm").session(this.session).with(csrf())
			.param("continue", "/security").param("credential", verified)).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/security");
		assertThat(options(this.session, "/security/passkeys/options")).contains("challenge");
	}

	@Test
	void whenTheAccountIsDisabledThenItsPasskeyDoesNotSignIn() throws Exception {
		add(this.session, this.authenticator, "Phone");
		this.accounts.setDisabled(this.accountId, true);
		MockHttpSession browser = new MockHttpSession();
		this.mvc.perform(get("/login").session(browser));
		MvcResult result = this.mvc.perform(post("/login/with-passkey").session(browser).with(csrf())
			.param("credential", this.authenticator.get(options(browser, "/login/with-passkey/options")))).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?passkeyRefused");
		assertThat(events("SIGN_IN_PASSKEY_FAILED")).isOne();
	}

	private MockHttpSession signInAlone(TestAuthenticator key) throws Exception {
		MockHttpSession browser = new MockHttpSession();
		this.mvc.perform(get("/login").session(browser));
		String answer = key.get(options(browser, "/login/with-passkey/options"));
		assertThat(this.mvc.perform(post("/login/with-passkey").session(browser).with(csrf()).param("credential", answer))
			.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
		return browser;
	}

	private void assertRefused(MockHttpSession session, String answer) throws Exception {
		MvcResult result = this.mvc.perform(post("/login/passkey").session(session).with(csrf()).param("credential", answer))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).contains("was not accepted for this account");
		assertThat(this.mvc.perform(get("/security").session(session)).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login/totp");
	}

	private MvcResult assertNotSignedIn(MockHttpSession session, TestAuthenticator key) throws Exception {
		MvcResult result = secondStep(session, key);
		assertThat(result.getResponse().getRedirectedUrl()).isNull();
		assertThat(this.mvc.perform(get("/security").session(session)).andReturn().getResponse().getRedirectedUrl())
			.isNotNull();
		return result;
	}

	private MvcResult secondStep(MockHttpSession session, TestAuthenticator key) throws Exception {
		String answer = key.get(options(session, "/login/passkey/options"));
		return this.mvc.perform(post("/login/passkey").session(session).with(csrf()).param("credential", answer)).andReturn();
	}

	private MvcResult add(MockHttpSession session, TestAuthenticator key, String label) throws Exception {
		return register(session, label, key.create(options(session, "/security/passkeys/options")));
	}

	private MvcResult register(MockHttpSession session, String label, String answer) throws Exception {
		return this.mvc.perform(post("/security/passkeys").session(session).with(csrf()).param("label", label)
			.param("credential", answer)).andReturn();
	}

	private String options(MockHttpSession session, String path) throws Exception {
		MvcResult result = this.mvc.perform(post(path).session(session).with(csrf())).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private long events(String type) {
		return this.jdbc.sql("select count(*) from security_event where account_id = ? and type = ?")
			.params(this.accountId, type)
			.query(Long.class)
			.single();
	}

}
