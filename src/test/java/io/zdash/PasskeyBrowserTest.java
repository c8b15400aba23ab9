package io.zdash;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys in a real browser: headless Chromium with a virtual authenticator (CTAP2, internal
 * transport, resident keys, user verification) standing in for a phone's or laptop's, on
 * {@code http://localhost:PORT}, the relying party {@code localhost}.
 */
@ServerTest
// The journey moves the server's clock past the step-up window; sessions count their age from the
// real time they were created, so here they may live long enough for the clock's jump.
@TestPropertySource(properties = "zdash.web.session-lifetime=30d")
class PasskeyBrowserTest extends BrowserTest {

	@Test
	void whenAPasskeyIsAddedThenItIsTheSecondStepTheWholeSignInAndTheReCheckAndTheCodeStillWorksWithoutIt()
			throws Exception {
		String email = WebJourney.uniqueEmail();
		byte[] key = signUpWithTwoFactor(email);
		VirtualAuthenticator laptop = authenticator(true);
		addPasskey("Work laptop");
		// The virtual authenticator answers passkey autofill at once (a person would pick the key
		// from the email field's list): without autofill, this journey can take each path in turn.
		withoutPasskeyAutofill();
		assertThat(this.browser.find(By.cssSelector(".passkey .passkey-name")).getText()).isEqualTo("Work laptop");
		this.browser.screenshotOf(By.id("passkeys"), "passkeys.png");
		this.browser.signOut();

		// Password, then the passkey as the second factor.
		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/login/totp");
		this.browser.screenshot("sign-in-passkey.png");
		this.browser.click(By.id("use-passkey"));
		this.browser.awaitPath("/");
		this.browser.signOut();

		// The passkey alone: no email, no password.
		this.browser.open("/login");
		this.browser.click(By.id("passkey-signin"));
		this.browser.awaitPath("/");
		assertThat(this.browser.source()).contains("/security");

		// A sensitive action after the step-up window: the re-check takes the passkey.
		this.clock.advance(Duration.ofMinutes(11));
		this.browser.open("/security");
		this.browser.type("rename-" + passkeyId(), "Old laptop");
		this.browser.clickAndWait(By.cssSelector(".passkey form[action$='/rename'] button"));
		assertThat(this.browser.path()).isEqualTo("/security/confirm");
		this.browser.click(By.id("stepup-passkey"));
		this.browser.awaitPath("/security");
		this.browser.await(By.id("confirmed"));
		this.browser.type("rename-" + passkeyId(), "Old laptop");
		this.browser.clickAndWait(By.cssSelector(".passkey form[action$='/rename'] button"));
		assertThat(this.browser.find(By.cssSelector(".passkey .passkey-name")).getText()).isEqualTo("Old laptop");
		this.browser.signOut();

		// The laptop is gone; a new one has no key of the account: the app's code still signs in.
		// (Back to the real time: Spring dates the password factor by it. A minute on, so the code
		// is not the one that turned 2FA on.)
		this.clock.set(Instant.now().plusSeconds(60));
		((HasVirtualAuthenticator) this.browser.driver()).removeVirtualAuthenticator(laptop);
		authenticator(true);
		this.browser.signIn(email, WebJourney.PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/login/totp");
		this.browser.click(By.id("use-passkey"));
		assertThat(this.browser.await(By.id("passkey-browser-error")).getText()).contains("cancelled or timed out");
		assertThat(this.browser.path()).isEqualTo("/login/totp");
		this.browser.type("code", HttpJourney.code(key, this.clock));
		this.browser.submit();
		assertThat(this.browser.path()).isEqualTo("/");
	}

	@Test
	void whenTheAuthenticatorDoesNotVerifyItsUserThenThePasskeyAloneDoesNotSignIn() throws Exception {
		String email = WebJourney.uniqueEmail();
		signUpWithTwoFactor(email);
		VirtualAuthenticator phone = authenticator(true);
		addPasskey("Phone");
		phone.setUserVerified(false);
		this.browser.signOut();

		this.browser.open("/login");
		this.browser.click(By.id("passkey-signin"));
		assertThat(this.browser.await(By.id("passkey-browser-error")).getText()).isNotBlank();
		assertThat(this.browser.path()).isEqualTo("/login");
		this.browser.open("/security");
		assertThat(this.browser.path()).isEqualTo("/login");
	}

	@Test
	void whenTheEmailFieldOffersThePasskeyThenChoosingItSignsIn() throws Exception {
		signUpWithTwoFactor(WebJourney.uniqueEmail());
		authenticator(true);
		addPasskey("Phone");
		// Signed out, the sign-in page asks the browser for passkeys to offer in the email field
		// (conditional mediation); the virtual authenticator picks the one it has at once.
		this.browser.signOut();
		this.browser.awaitPath("/");
		this.browser.open("/security");
		assertThat(this.browser.path()).isEqualTo("/security");
	}

	private void withoutPasskeyAutofill() {
		this.browser.driver()
			.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
					"if (window.PublicKeyCredential) { PublicKeyCredential.isConditionalMediationAvailable = async () => false; }"));
	}

	private byte[] signUpWithTwoFactor(String email) throws Exception {
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		return this.browser.setUpTwoFactor(this.clock);
	}

	private void addPasskey(String name) {
		this.browser.open("/security");
		this.browser.type("passkey-label", name);
		this.browser.click(By.id("add-passkey"));
		this.browser.await(By.cssSelector(".passkey"));
	}

	private String passkeyId() {
		return this.browser.find(By.cssSelector(".passkey")).getAttribute("id").substring("passkey-".length());
	}

	/** One authenticator of the browser: a platform passkey provider, as on a phone or laptop. */
	private VirtualAuthenticator authenticator(boolean verifiesUser) {
		return ((HasVirtualAuthenticator) this.browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
			.setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(verifiesUser)
			.setIsUserConsenting(true));
	}

}
