package io.zdash;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
			List<ConfigurableApplicationContext> started = new ArrayList<>();
			for (Future<ConfigurableApplicationContext> node : nodes) {
				started.add(node.get());
			}
			JdbcClient jdbc = started.get(0).getBean(JdbcClient.class);
			List<String> applied = jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
				.query(String.class)
				.list();
			assertThat(applied).contains("1", "8").doesNotHaveDuplicates();
			assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single())
				.isZero();
			started.forEach(ConfigurableApplicationContext::close);
		}
		finally {
			starters.shutdownNow();
		}
	}

}
