package io.zdash.account;

import io.zdash.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** "Forgot password?" on PostgreSQL: the links, their single use and the attempt gate. */
class PasswordResetPostgresTest extends PasswordResetTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
