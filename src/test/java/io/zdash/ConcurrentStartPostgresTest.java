package io.zdash;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes of a new installation started at the same moment on one empty PostgreSQL database: Flyway's
 * lock lets one migrate while the other waits, so both come up and every migration ran exactly once.
 */
class ConcurrentStartPostgresTest {

	@Test
	void whenTwoNodesStartTogetherOnAnEmptyDatabaseThenEachMigrationRunsOnce() throws Exception {
		String database = "fresh_" + System.nanoTime();
		try (Connection admin = EmbeddedPostgresSupport.server().getPostgresDatabase().getConnection();
				Statement create = admin.createStatement()) {
			create.execute("create database " + database);
		}
		String url = EmbeddedPostgresSupport.server().getJdbcUrl("postgres", database);
		ExecutorService starters = Executors.newFixedThreadPool(2);
		CountDownLatch together = new CountDownLatch(1);
		List<Future<ConfigurableApplicationContext>> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				nodes.add(starters.submit(() -> {
					together.await();
					return new SpringApplicationBuilder(ZdashApplication.class, TestClockConfig.class).profiles("test")
						.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
								"--spring.datasource.password=");
				}));
			}
			together.countDown();
			ConfigurableApplicationContext first = nodes.get(0).get();
			nodes.get(1).get();
			assertThat(first.getBean(Flyway.class).info().pending()).as("nothing left to migrate").isEmpty();
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			List<String> applied = jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
				.query(String.class)
				.list();
			assertThat(applied).isNotEmpty().doesNotHaveDuplicates();
			assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single())
				.isZero();
		}
		finally {
			// Close whatever started, even when the other failed, and leave no database behind.
			for (Future<ConfigurableApplicationContext> node : nodes) {
				try {
					node.get().close();
				}
				catch (Exception didNotStart) {
					// reported by the assertions above
				}
			}
			starters.shutdownNow();
			try (Connection admin = EmbeddedPostgresSupport.server().getPostgresDatabase().getConnection();
					Statement drop = admin.createStatement()) {
				drop.execute("drop database if exists " + database);
			}
		}
	}

}
