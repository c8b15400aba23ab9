package io.zdash.twofactor;

import io.zdash.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same apps on a real PostgreSQL: its locks, its foreign keys, its migrations. */
class AuthenticatorAppsPostgresTest extends AuthenticatorAppsTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
