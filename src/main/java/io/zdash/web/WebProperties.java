package io.zdash.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web tunables ({@code zdash.web.*}).
 * @param clientLimit sign-in and sign-up POSTs per client address: a burst of {@code capacity},
 * then one more every {@code refillEvery}
 */
@ConfigurationProperties("zdash.web")
record WebProperties(@DefaultValue ClientLimit clientLimit) {

	record ClientLimit(@DefaultValue("60") int capacity, @DefaultValue("2s") Duration refillEvery) {
	}

}
