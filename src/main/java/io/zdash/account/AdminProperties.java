package io.zdash.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param email an account that is an administrator whatever its role in the database
 * ({@code zdash.admin.email}); otherwise the first account created is
 */
@ConfigurationProperties("zdash.admin")
public record AdminProperties(String email) {
}
