package io.zdash.twofactor;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the two-factor feature ({@code zdash.two-factor.*}).
 * @param enrollmentLifetime how long a key shown on the setup page stays valid unconfirmed
 * @param signInTimeout how long a half-signed-in session (password right, code pending) lives
 * @param failuresPerSignIn wrong codes in a row after which the person starts over at the password
 */
@ConfigurationProperties("zdash.two-factor")
record TwoFactorProperties(@DefaultValue("15m") Duration enrollmentLifetime,
		@DefaultValue("5m") Duration signInTimeout, @DefaultValue("5") int failuresPerSignIn) {
}
