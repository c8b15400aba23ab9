package io.zdash.lostdevice;

import io.zdash.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The lost-device recovery on PostgreSQL. */
class LostDeviceRecoveryPostgresTest extends LostDeviceRecoveryTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
