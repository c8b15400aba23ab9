package io.zdash.twofactor;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the two-factor feature ({@code zdash.two-factor.*}).
 * @param enrollmentLifetime how long a key shown on the setup page stays valid unconfirmed
 * The half-sign-in timeout ({@code zdash.two-factor.sign-in-timeout}) is the sign-in feature's.
 * @param maxFailures consecutive wrong codes after which codes from the app are refused until a
 * recovery code is used (NIST 800-63B: at most 100)
 */
@ConfigurationProperties("zdash.two-factor")
record TwoFactorProperties(@DefaultValue("15m") Duration enrollmentLifetime,
		@DefaultValue("100") int maxFailures) {
}
