package io.zdash.apitoken;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The JSON API's tunables ({@code zdash.api.*}).
 * @param rateLimit requests per token and node: a burst of {@code capacity}, then one more every
 * {@code refillEvery} (the defaults: 120 at once, 10 a second after that)
 */
@ConfigurationProperties("zdash.api")
record ApiProperties(@DefaultValue RateLimit rateLimit) {

	record RateLimit(@DefaultValue("120") int capacity, @DefaultValue("100ms") Duration refillEvery) {
	}

}
