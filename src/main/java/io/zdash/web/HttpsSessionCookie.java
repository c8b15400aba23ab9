package io.zdash.web;

import jakarta.servlet.ServletContext;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * With {@code zdash.web.https=true}, the session cookie is {@code Secure} and named
 * {@code __Host-SESSION}: browsers then refuse it over plain HTTP and from any other host or path,
 * so a sibling domain cannot plant one. (Tomcat already marks it Secure on a request that arrived by
 * HTTPS; the prefix needs a fixed name, hence the setting.)
 */
@Component
class HttpsSessionCookie implements ServletContextInitializer {

	static final String SECURE_NAME = "__Host-SESSION";

	private final WebProperties properties;

	HttpsSessionCookie(WebProperties properties) {
		this.properties = properties;
	}

	@Override
	public void onStartup(ServletContext servletContext) {
		if (this.properties.https()) {
			servletContext.getSessionCookieConfig().setName(SECURE_NAME);
			servletContext.getSessionCookieConfig().setSecure(true);
			servletContext.getSessionCookieConfig().setPath("/");
		}
	}

}
