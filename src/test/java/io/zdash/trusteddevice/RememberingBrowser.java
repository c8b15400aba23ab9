package io.zdash.trusteddevice;

import jakarta.servlet.http.Cookie;

import io.zdash.WebJourney;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * One browser for the trusted-device tests: it keeps its trusted-device cookie between sign-ins
 * (taking each new one the server sends, dropping it when told to) and a session per sign-in.
 */
final class RememberingBrowser {

	static final String COOKIE = TrustedDeviceCookie.NAME;

	private final MockMvc mvc;

	Cookie trusted;

	MockHttpSession session;

	/** Over HTTPS: the cookie is then {@code __Host-} prefixed and Secure. */
	boolean secure;

	RememberingBrowser(MockMvc mvc) {
		this.mvc = mvc;
	}

	/** The password step, in a new session. */
	MvcResult signIn(String email, String password) throws Exception {
		this.session = new MockHttpSession();
		return send(post("/login").with(csrf()).param("email", email).param("password", password));
	}

	MvcResult code(String code, boolean remember) throws Exception {
		MockHttpServletRequestBuilder request = post("/login/totp").with(csrf()).param("code", code);
		return send(remember ? request.param("remember", "true") : request);
	}

	/** Whether this browser's session opens the dashboard: a complete sign-in. */
	boolean signedIn() throws Exception {
		return send(get("/")).getResponse().getStatus() == 200;
	}

	MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
		request.session(this.session).secure(this.secure);
		if (this.trusted != null) {
			request.cookie(this.trusted);
		}
		MvcResult result = this.mvc.perform(request).andReturn();
		take(result.getResponse());
		return result;
	}

	/** Signs in with the password and, unless the browser is trusted, a fresh code. */
	MvcResult signInFully(WebJourney journey, String email, byte[] secret, boolean remember) throws Exception {
		journey.nextStep();
		signIn(email, WebJourney.PASSWORD);
		if (signedIn()) {
			return null;
		}
		return code(journey.currentCode(secret), remember);
	}

	private void take(MockHttpServletResponse response) {
		Cookie sent = response.getCookie(this.secure ? TrustedDeviceCookie.SECURE_NAME : COOKIE);
		if (sent != null) {
			this.trusted = (sent.getMaxAge() == 0) ? null : sent;
		}
	}

}
