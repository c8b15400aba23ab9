package io.zdash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.Cookie;

import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Sessions live in the database (Spring Session) and are found by their cookie, which MockMvc does
 * not carry between requests. This keeps each test's {@link MockHttpSession} working as "one
 * browser": the session cookie a response sets is kept on that object and sent with its next
 * request, and dropped when the response expires it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SessionCookieJar {

	static final String COOKIE = "SESSION";

	private static final String JAR = SessionCookieJar.class.getName();

	@Bean
	MockMvcBuilderCustomizer sessionCookies() {
		return builder -> builder.defaultRequest(get("/").with(request -> send(request)))
			.alwaysDo(result -> keep((MockHttpSession) result.getRequest().getSession(false),
					result.getResponse().getCookie(COOKIE)));
	}

	private static MockHttpServletRequest send(MockHttpServletRequest request) {
		if (request.getSession(false) instanceof MockHttpSession browser && browser.getAttribute(JAR) instanceof String id) {
			List<Cookie> cookies = new ArrayList<>();
			if (request.getCookies() != null) {
				cookies.addAll(Arrays.asList(request.getCookies()));
			}
			cookies.add(new Cookie(COOKIE, id));
			request.setCookies(cookies.toArray(Cookie[]::new));
		}
		return request;
	}

	private static void keep(MockHttpSession browser, Cookie cookie) {
		if (browser == null || cookie == null) {
			return;
		}
		if (cookie.getMaxAge() == 0) {
			browser.removeAttribute(JAR);
		}
		else {
			browser.setAttribute(JAR, cookie.getValue());
		}
	}

}
