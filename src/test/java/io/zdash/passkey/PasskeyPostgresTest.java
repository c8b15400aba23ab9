package io.zdash.passkey;

import io.zdash.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same ceremonies on a real PostgreSQL, with the same migrations. */
class PasskeyPostgresTest extends PasskeyTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
