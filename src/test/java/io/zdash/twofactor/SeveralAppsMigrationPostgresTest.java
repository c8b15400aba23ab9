package io.zdash.twofactor;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import io.zdash.EmbeddedPostgresSupport;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The same migration on a fresh database of the real PostgreSQL server. */
class SeveralAppsMigrationPostgresTest extends SeveralAppsMigrationTest {

	@Override
	DataSource database() {
		String name = "apps_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = EmbeddedPostgresSupport.server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create the database", ex);
		}
		return new DriverManagerDataSource(EmbeddedPostgresSupport.server().getJdbcUrl("postgres", name), "postgres", "");
	}

	@Override
	String vendor() {
		return "postgresql";
	}

}
