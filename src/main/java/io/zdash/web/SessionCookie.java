package io.zdash.web;

import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The session cookie (sessions live in the database through Spring Session): HttpOnly,
 * SameSite=Lax, and with {@code zdash.web.https=true} Secure and named with the {@code __Host-}
 * prefix, which browsers then refuse over plain HTTP and from any other host or path, so a sibling
 * domain cannot plant one. Without the setting it is still Secure on a request that arrived by HTTPS.
 * It carries a secret whose hash is the session's id ({@link HashedSessionIds}), which is also the
 * session repository's id generator.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookie {

	static final String NAME = "SESSION";

	static final String SECURE_NAME = "__Host-SESSION";

	@Bean
	HashedSessionIds cookieSerializer(WebProperties properties) {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName(properties.https() ? SECURE_NAME : NAME);
		serializer.setCookiePath("/");
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		if (properties.https()) {
			serializer.setUseSecureCookie(true);
		}
		return new HashedSessionIds(serializer);
	}

	/** Outside Spring Session's filter, which writes the cookie as the request ends. */
	@Bean
	FilterRegistrationBean<Filter> forgetUnwrittenSessionSecrets() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			try {
				chain.doFilter(request, response);
			}
			finally {
				HashedSessionIds.forgetUnwritten();
			}
		});
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 30);
		return registration;
	}

}
