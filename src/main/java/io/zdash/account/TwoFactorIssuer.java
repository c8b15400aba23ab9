package io.zdash.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The product name people see in their authenticator app and that passwords must not be built from.
 * Configured with {@code zdash.issuer} (default "Z-API").
 */
@ConfigurationProperties("zdash")
public record TwoFactorIssuer(@DefaultValue("Z-API") String issuer) {

	public String name() {
		return this.issuer;
	}

}
