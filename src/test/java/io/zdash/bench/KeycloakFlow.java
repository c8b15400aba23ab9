package io.zdash.bench;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.zdash.WebJourney;

/**
 * A complete sign-in on Keycloak as a browser makes it, through the realm's browser flow: the
 * authorization endpoint's login form, POST the password (answered with the OTP form), POST the
 * code (answered with the redirect to the client, carrying the authorization code). The client's
 * own page is not Keycloak's, so the flow ends there.
 */
final class KeycloakFlow implements Levels.Flow {

	static final String[] STEPS = { "get-login", "post-password", "post-code" };

	private static final Pattern LOGIN_FORM = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

	private static final Pattern ANY_FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

	private final String base;

	private final String authorize;

	KeycloakFlow(int port, String realm, String client, String redirectUri) {
		this.base = "http://127.0.0.1:" + port;
		this.authorize = "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id="
				+ client + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
	}

	@Override
	public void signIn(Levels.Account account, String code, Levels.Timings timings) throws Exception {
		LeanBrowser browser = new LeanBrowser(this.base);
		long start = System.nanoTime();
		long t = start;
		HttpResponse<String> login = browser.get(this.authorize);
		t = timings.record("get-login", t);
		HttpResponse<String> otpForm = browser.post(LeanBrowser.find(login, LOGIN_FORM), "username", account.login(),
				"password", WebJourney.PASSWORD, "credentialId", "");
		t = timings.record("post-password", t);
		if (otpForm.statusCode() != 200 || !otpForm.body().contains("name=\"otp\"")) {
			throw new IllegalStateException("the password step answered " + otpForm.statusCode() + " without the OTP form");
		}
		HttpResponse<String> done = browser.post(LeanBrowser.find(otpForm, ANY_FORM_ACTION), "otp", code, "login",
				"Sign In");
		timings.record("post-code", t);
		String location = done.headers().firstValue("Location").orElse("");
		if (done.statusCode() != 302 || !location.contains("code=")) {
			throw new IllegalStateException("the code step answered " + done.statusCode() + " to " + location);
		}
		timings.record("flow", start);
	}

}
