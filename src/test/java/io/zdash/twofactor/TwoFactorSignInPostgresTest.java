package io.zdash.twofactor;

import io.zdash.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same journeys on a real PostgreSQL, with the same migrations. */
class TwoFactorSignInPostgresTest extends TwoFactorSignInTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
