package io.zdash.twofactor;

import java.nio.file.Path;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's seeding tool writes today's schema: an account, its 2FA state and one app each. */
class SeedAccountsTest {

	@Test
	void whenAccountsAreSeededThenEachHasTwoFactorOneAppAndTenRecoveryCodes(@TempDir Path keys) throws Exception {
		String url = "jdbc:h2:mem:seed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		DriverManagerDataSource database = new DriverManagerDataSource(url, "sa", "");
		Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/h2").load()
			.migrate();
		SeedAccounts.main(new String[] { url, keys.resolve("keyset.json").toString(), "3" });
		JdbcClient jdbc = JdbcClient.create(database);
		assertThat(jdbc.sql("select count(*) from totp_credential").query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select count(distinct account_id) from totp_app").query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from recovery_code").query(Long.class).single()).isEqualTo(30);
	}

}
