package io.zdash.twofactor;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import io.zdash.EmbeddedPostgresSupport;

/** The same upgrade on a fresh database of the real PostgreSQL server. */
class UpgradePostgresTest extends UpgradeTest {

	@Override
	String[] database() {
		String name = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = EmbeddedPostgresSupport.server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create the upgrade database", ex);
		}
		return new String[] { "--spring.datasource.url=" + EmbeddedPostgresSupport.server().getJdbcUrl("postgres", name),
				"--spring.datasource.username=postgres", "--spring.datasource.password=" };
	}

}
