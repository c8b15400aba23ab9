package io.zdash.instance;

import io.zdash.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same API on a real PostgreSQL: its paging, its unique index of token hashes. */
class InstanceApiPostgresTest extends InstanceApiTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
