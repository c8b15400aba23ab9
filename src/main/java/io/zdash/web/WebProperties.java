package io.zdash.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web tunables ({@code zdash.web.*}).
 * @param clientLimit sign-in and sign-up POSTs per client address: a burst of {@code capacity},
 * then one more every {@code refillEvery}
 * @param sessionLifetime absolute lifetime of a session however active (the idle timeout is
 * {@code server.servlet.session.timeout})
 * The step-up window ({@code zdash.web.step-up-window}) is the sign-in feature's.
 * @param https served over HTTPS (directly or behind a TLS proxy): the session cookie is then
 * {@code Secure} and named with the {@code __Host-} prefix (see {@link SessionCookie})
 */
@ConfigurationProperties("zdash.web")
record WebProperties(@DefaultValue ClientLimit clientLimit, @DefaultValue("12h") Duration sessionLifetime,
		@DefaultValue("false") boolean https) {

	record ClientLimit(@DefaultValue("60") int capacity, @DefaultValue("2s") Duration refillEvery) {
	}

}
