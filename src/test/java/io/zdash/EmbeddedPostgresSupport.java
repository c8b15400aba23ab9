package io.zdash;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries, no Docker), shared by every
 * test class that runs on PostgreSQL. PostgreSQL refuses to run as root; the test command runs the
 * build in a user namespace where it is not (see scripts/test).
 */
public final class EmbeddedPostgresSupport {

	private static EmbeddedPostgres server;

	private EmbeddedPostgresSupport() {
	}

	public static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
			}
		}
		return server;
	}

	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> server().getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

}
