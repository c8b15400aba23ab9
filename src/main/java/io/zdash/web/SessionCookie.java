package io.zdash.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie (sessions live in the database through Spring Session): HttpOnly,
 * SameSite=Lax, and with {@code zdash.web.https=true} Secure and named with the {@code __Host-}
 * prefix, which browsers then refuse over plain HTTP and from any other host or path, so a sibling
 * domain cannot plant one. Without the setting it is still Secure on a request that arrived by HTTPS.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookie {

	static final String NAME = "SESSION";

	static final String SECURE_NAME = "__Host-SESSION";

	@Bean
	CookieSerializer cookieSerializer(WebProperties properties) {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName(properties.https() ? SECURE_NAME : NAME);
		serializer.setCookiePath("/");
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		if (properties.https()) {
			serializer.setUseSecureCookie(true);
		}
		return serializer;
	}

}
