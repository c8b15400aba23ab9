package io.zdash.trusteddevice;

import io.zdash.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every revocation of trusted devices on PostgreSQL. */
class TrustedDeviceRevocationPostgresTest extends TrustedDeviceRevocationTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
