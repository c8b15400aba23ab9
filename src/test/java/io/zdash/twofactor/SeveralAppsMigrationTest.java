package io.zdash.twofactor;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.zdash.support.SqlTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V23 moves the one app an account had (its sealed secret and replay ledger) from
 * {@code totp_credential} to {@code totp_app}: the code used last before the upgrade is still
 * refused after it, and the account's 2FA state stays where it was. This one runs on in-memory H2.
 */
class SeveralAppsMigrationTest {

	/** The database, and the folder of its vendor's migrations. */
	DataSource database() {
		return new DriverManagerDataSource("jdbc:h2:mem:apps-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	String vendor() {
		return "h2";
	}

	@Test
	void whenTheSchemaGetsSeveralAppsThenTheAppItHadKeepsItsSecretAndLedger() {
		DataSource database = database();
		migrate(database, "22");
		JdbcClient jdbc = JdbcClient.create(database);
		Instant enabled = Instant.parse("2026-01-02T03:04:05Z");
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into account (email, password_hash, created_at) values ('old@example.com', 'x', ?)")
			.param(SqlTime.utc(enabled)).update(keys, "id");
		long accountId = keys.getKeyAs(Number.class).longValue();
		jdbc.sql("""
				insert into totp_credential (account_id, secret, secret_key_id, enabled_at, last_used_step, last_used_by,
				    blocked_at, checked_up_at) values (?, 'sealed-secret', 7, ?, 59000000, 'session-hash', null, ?)""")
			.params(accountId, SqlTime.utc(enabled), SqlTime.utc(enabled.plusSeconds(60)))
			.update();

		migrate(database, "latest");

		Map<String, Object> app = jdbc.sql("select * from totp_app where account_id = ?").param(accountId).query().singleRow();
		assertThat(app).containsEntry("name", null).containsEntry("secret", "sealed-secret");
		assertThat(((Number) app.get("secret_key_id")).longValue()).isEqualTo(7);
		assertThat(((Number) app.get("last_used_step")).longValue()).isEqualTo(59_000_000L);
		assertThat(app.get("last_used_by")).isEqualTo("session-hash");
		assertThat(jdbc.sql("select added_at from totp_app where account_id = ?").param(accountId)
			.query(java.time.OffsetDateTime.class).single().toInstant()).isEqualTo(enabled);
		assertThat(jdbc.sql("select checked_up_at from totp_credential where account_id = ?").param(accountId)
			.query(java.time.OffsetDateTime.class).single().toInstant()).isEqualTo(enabled.plusSeconds(60));
	}

	private void migrate(DataSource database, String target) {
		Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/" + vendor())
			.target(target).load().migrate();
	}

}
