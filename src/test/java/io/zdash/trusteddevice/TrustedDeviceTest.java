package io.zdash.trusteddevice;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.Cookie;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
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
 * "Don't ask for a code on this device": it skips the second step only, only after the right
 * password, only for the account that ticked it, once per secret, never for step-up, and stops at
 * every change of the account's sign-in.
 */
class TrustedDeviceTest extends JourneyTest {

	Enrolled enrolled;

	RememberingBrowser browser;

	@org.springframework.beans.factory.annotation.Autowired
	TrustedDeviceList list;

	@BeforeEach
	void enrolledAccount() throws Exception {
		this.enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.browser = new RememberingBrowser(this.mvc);
	}

	@Test
	void whenRememberIsTickedThenTheNextSignInOnThatBrowserNeedsOnlyThePassword() throws Exception {
		MvcResult remembered = this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		assertThat(remembered.getResponse().getRedirectedUrl()).startsWith("/").doesNotStartWith("/login");
		String header = remembered.getResponse().getHeaders("Set-Cookie").stream()
			.filter(h -> h.startsWith(RememberingBrowser.COOKIE + "="))
			.findFirst()
			.orElseThrow();
		assertThat(header).contains("Path=/").contains("HttpOnly").contains("SameSite=Strict")
			.contains("Max-Age=" + Duration.ofDays(30).toSeconds());
		assertThat(this.browser.trusted.getValue()).matches("[0-9A-F]{32}\\.[A-Za-z0-9_-]{43}");
		assertThat(storedHashes()).as("only a hash is stored")
			.containsExactly(io.zdash.support.Sha256.hex(this.browser.trusted.getValue().split("\\.")[1]));

		Cookie first = this.browser.trusted;
		assertThat(this.browser.signIn(this.email, WebJourney.PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(this.browser.signedIn()).as("no code asked").isTrue();
		assertThat(this.browser.trusted.getValue()).as("a new secret at each use").isNotEqualTo(first.getValue())
			.startsWith(first.getValue().split("\\.")[0]);
		assertThat(events("TRUSTED_DEVICE_ADDED")).isOne();
		assertThat(events("TRUSTED_DEVICE_USED")).isOne();
	}

	@Test
	void whenOverHttpsThenTheCookieIsHostPrefixedAndSecureAndAPlainOneIsNotRead() throws Exception {
		this.browser.secure = true;
		MvcResult remembered = this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		assertThat(remembered.getResponse().getHeaders("Set-Cookie").toString())
			.contains(TrustedDeviceCookie.SECURE_NAME + "=").contains("Secure").contains("HttpOnly").contains("SameSite=Strict")
			.contains("Path=/").doesNotContain("Domain");
		assertThat(this.browser.trusted.getSecure()).isTrue();
		Cookie hostCookie = this.browser.trusted;

		RememberingBrowser planted = new RememberingBrowser(this.mvc);
		planted.secure = true;
		planted.trusted = new Cookie(RememberingBrowser.COOKIE, hostCookie.getValue());
		planted.signIn(this.email, WebJourney.PASSWORD);
		assertThat(planted.signedIn()).as("the name without the prefix is not read over HTTPS").isFalse();

		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).isTrue();
	}

	@Test
	void whenRememberIsNotTickedThenNoCookieAndTheCodeIsAskedAgain() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), false);
		assertThat(this.browser.trusted).isNull();
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).isFalse();
	}

	@Test
	void whenARemovedSecretIsPresentedAgainThenNeitherCopyIsTrustedAnyMore() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		Cookie copied = this.browser.trusted;
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).isTrue();

		this.clock.advance(Duration.ofMinutes(3));
		RememberingBrowser thief = new RememberingBrowser(this.mvc);
		thief.trusted = copied;
		thief.signIn(this.email, WebJourney.PASSWORD);
		assertThat(thief.signedIn()).as("the old secret is dead").isFalse();
		assertThat(thief.trusted).as("told to drop it").isNull();
		assertThat(events("TRUSTED_DEVICE_REFUSED")).isOne();

		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).as("the device is forgotten: the owner types a code once").isFalse();
	}

	@Test
	void whenTheReplacedSecretComesBackAtOnceThenItIsALostAnswerNotACopy() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		Cookie beforeTheDoubleClick = this.browser.trusted;
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).isTrue();
		Cookie kept = this.browser.trusted;

		RememberingBrowser secondClick = new RememberingBrowser(this.mvc);
		secondClick.trusted = beforeTheDoubleClick;
		secondClick.signIn(this.email, WebJourney.PASSWORD);
		assertThat(secondClick.signedIn()).as("refused, quietly").isFalse();
		assertThat(events("TRUSTED_DEVICE_REFUSED")).isZero();
		this.browser.trusted = kept;
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).as("the device is still trusted").isTrue();
	}

	@Test
	void whenRememberIsSentWithARecoveryCodeOrAReCheckThenNoDeviceIsTrusted() throws Exception {
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		this.browser.send(post("/login/recovery").with(csrf()).param("code", this.enrolled.recoveryCodes().get(0))
			.param("remember", "true"));
		assertThat(this.browser.signedIn()).isTrue();
		this.journey.nextStep();
		this.browser.send(post("/security/confirm").with(csrf()).param("code", this.journey.currentCode(this.enrolled.secret()))
			.param("continue", "/security").param("remember", "true"));
		assertThat(this.browser.trusted).isNull();
		assertThat(storedHashes()).isEmpty();
	}

	@Test
	void whenATwentyFirstDeviceIsTrustedThenTheOldestIsForgottenAndPruningRemovesExpiredRows() throws Exception {
		for (int i = 0; i < TrustedDevices.MAX_PER_ACCOUNT; i++) {
			this.jdbc.sql("insert into trusted_device (public_id, account_id, secret_hash, session_epoch, user_agent, "
					+ "created_at, expires_at) values (?, ?, ?, (select session_epoch from account where id = ?), '', ?, ?)")
				.params(String.format("%032X", i), accountId(), "0".repeat(64), accountId(),
						SqlTime.utc(this.clock.instant().minus(Duration.ofHours(20 - i))),
						SqlTime.utc(this.clock.instant().plus(Duration.ofDays(20))))
				.update();
		}
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		List<String> ids = this.jdbc.sql("select public_id from trusted_device where account_id = ?").param(accountId())
			.query(String.class).list();
		assertThat(ids).hasSize(TrustedDevices.MAX_PER_ACCOUNT).doesNotContain(String.format("%032X", 0))
			.contains(String.format("%032X", 1), this.browser.trusted.getValue().split("\\.")[0]);

		this.jdbc.sql("update trusted_device set expires_at = ? where account_id = ?")
			.params(SqlTime.utc(this.clock.instant().minusSeconds(1)), accountId()).update();
		assertThat(this.list.prune()).isGreaterThanOrEqualTo(TrustedDevices.MAX_PER_ACCOUNT);
		assertThat(storedHashes()).isEmpty();
	}

	@Test
	void whenOnlyTheCookieIsStolenThenWithoutThePasswordItOpensNothing() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		List<String> before = storedHashes();
		RememberingBrowser thief = new RememberingBrowser(this.mvc);
		thief.trusted = this.browser.trusted;
		thief.session = new MockHttpSession();
		assertThat(thief.signedIn()).isFalse();
		MvcResult wrong = thief.signIn(this.email, "not-the-password-at-all");
		assertThat(wrong.getResponse().getRedirectedUrl()).startsWith("/login?error");
		assertThat(thief.signedIn()).isFalse();
		assertThat(storedHashes()).as("not used, not rotated").isEqualTo(before);
	}

	@Test
	void whenAnotherAccountsCookieIsPresentedThenItDoesNothingForThisOne() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		String other = WebJourney.uniqueEmail();
		Enrolled otherEnrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(other));
		List<String> before = storedHashes();

		this.browser.signIn(other, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).as("A's device is not B's").isFalse();
		assertThat(storedHashes()).isEqualTo(before);
		assertThat(this.browser.trusted).as("A's cookie is left alone").isNotNull();
		this.browser.code(this.journey.currentCode(otherEnrolled.secret()), false);

		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).as("and still works for A").isTrue();
	}

	@Test
	void whenSignedInOnATrustedDeviceThenASensitiveActionStillAsksForACode() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).isTrue();
		MvcResult action = this.browser.send(post("/security/password").with(csrf())
			.header("Referer", "http://localhost/security").param("newPassword", "Another-Long-Passphrase-2026"));
		assertThat(action.getResponse().getRedirectedUrl()).startsWith("/security/confirm");
		assertThat(this.journey.page("/security/confirm", this.browser.session).getElementById("code")).isNotNull();
	}

	@Test
	void whenTheCheckUpIsDueThenTheTrustedDeviceIsIgnoredUntilACodeIsTyped() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		this.jdbc.sql("update totp_credential set enabled_at = ? where account_id = ?")
			.params(SqlTime.utc(this.clock.instant().minus(Duration.ofDays(29))), accountId())
			.update();
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).isFalse();
		this.journey.nextStep();
		assertThat(this.browser.code(this.journey.currentCode(this.enrolled.secret()), false).getResponse()
			.getRedirectedUrl()).isEqualTo("/security/check-up");
	}

	@Test
	void whenTheDeviceIsOlderThanThirtyDaysThenTheCodeIsAskedAgain() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		this.jdbc.sql("update totp_credential set checked_up_at = ? where account_id = ?")
			.params(SqlTime.utc(this.clock.instant().plus(Duration.ofDays(1))), accountId()).update();
		this.jdbc.sql("update trusted_device set created_at = ?, expires_at = ? where account_id = ?")
			.params(SqlTime.utc(this.clock.instant().minus(Duration.ofDays(30))),
					SqlTime.utc(this.clock.instant().minusSeconds(1)), accountId())
			.update();
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).isFalse();
		assertThat(storedHashes()).as("an expired device is deleted when presented").isEmpty();
	}

	@Test
	void whenTheCookieIsForgedHugeOrMalformedThenItIsIgnoredAndNobodyIsSignedIn() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		String real = this.browser.trusted.getValue();
		String id = real.split("\\.")[0];
		for (String forged : List.of("", "x", id, id + ".", id + "." + "A".repeat(43), "0".repeat(32) + "." + "A".repeat(43),
				real + "A", real.toLowerCase(), "A".repeat(4000), id + ".ç" + "A".repeat(42), real + "; " + real, "..")) {
			RememberingBrowser hostile = new RememberingBrowser(this.mvc);
			hostile.trusted = new Cookie(RememberingBrowser.COOKIE, forged);
			MvcResult result = hostile.signIn(this.email, WebJourney.PASSWORD);
			assertThat(result.getResponse().getStatus()).as(forged).isEqualTo(302);
			assertThat(hostile.signedIn()).as(forged).isFalse();
		}
		this.browser.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.browser.signedIn()).as("a guess at the secret did not forget the real device").isTrue();
	}

	@Test
	void whenTheSecurityPageIsOpenedThenItListsTheDeviceWhichCanBeForgotten() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		Document page = page("/security", "en");
		assertThat(page.select("#sessions #trusted-devices .trusted-device-row")).hasSize(1);
		assertThat(page.select(".trusted-device-row .this-device").text()).isEqualTo("This device");
		assertThat(page.getElementById("forget-all-devices")).isNotNull();
		Document portuguese = page("/security", "pt-BR");
		assertThat(portuguese.select("#trusted-devices h3").text()).isEqualTo("Aparelhos que pulam o código");
		assertThat(portuguese.select(".forget-device").text()).startsWith("Esquecer este aparelho: ").contains("de confiança desde");

		String handle = this.browser.trusted.getValue().split("\\.")[0];
		MvcResult forgot = this.browser.send(post("/security/trusted-devices/" + handle + "/forget").with(csrf()));
		assertThat(forgot.getResponse().getRedirectedUrl()).isEqualTo("/security#trusted-devices");
		assertThat(this.browser.trusted).as("this browser's cookie is dropped too").isNull();
		assertThat(page("/security", "en").getElementById("no-trusted-devices").text()).startsWith("None.");
		assertThat(events("TRUSTED_DEVICE_FORGOTTEN")).isOne();
	}

	@Test
	void whenAHandleIsAnotherAccountsOrNonsenseThenForgetChangesNothing() throws Exception {
		this.browser.signInFully(this.journey, this.email, this.enrolled.secret(), true);
		String handle = this.browser.trusted.getValue().split("\\.")[0];
		MockHttpSession other = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		for (String forged : List.of(handle, "nonsense", "%C3%A7", "A".repeat(500))) {
			MvcResult result = this.mvc.perform(post("/security/trusted-devices/" + forged + "/forget").session(other).with(csrf()))
				.andReturn();
			assertThat(result.getResponse().getStatus()).as(forged).isIn(302, 400);
		}
		assertThat(storedHashes()).hasSize(1);
	}

	@Test
	void whenTheCodePageIsShownThenItOffersTheBoxInBothLanguages() throws Exception {
		MockHttpSession session = this.journey.signIn(this.email, WebJourney.PASSWORD);
		Document english = Jsoup.parse(this.mvc.perform(get("/login/totp").session(session).header("Accept-Language", "en"))
			.andReturn().getResponse().getContentAsString());
		assertThat(english.select("label[for=remember]").text()).isEqualTo("Don\u2019t ask for a code on this device for 30 days");
		assertThat(english.select("input#remember[type=checkbox][name=remember][value=true]:not([checked])")).hasSize(1);
		Document portuguese = Jsoup.parse(this.mvc.perform(get("/login/totp").session(session).header("Accept-Language", "pt-BR"))
			.andReturn().getResponse().getContentAsString());
		assertThat(portuguese.select("label[for=remember]").text()).isEqualTo("Não pedir código neste aparelho por 30 dias");
		assertThat(this.journey.page("/login/recovery", session).getElementById("remember")).as("codes page only").isNull();
	}

	Document page(String url, String language) throws Exception {
		return Jsoup.parse(this.browser.send(get(url).header("Accept-Language", language)).getResponse().getContentAsString());
	}

	long accountId() {
		return this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
	}

	List<String> storedHashes() {
		return this.jdbc.sql("select secret_hash from trusted_device where account_id = ?").param(accountId())
			.query(String.class).list();
	}

	long events(String type) {
		return this.jdbc.sql("select count(*) from security_event where account_id = ? and type = ?")
			.params(accountId(), type).query(Long.class).single();
	}

}
