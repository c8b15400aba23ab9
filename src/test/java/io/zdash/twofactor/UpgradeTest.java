package io.zdash.twofactor;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.TestClockConfig;
import io.zdash.WebJourney;
import io.zdash.ZdashApplication;
import io.zdash.secrets.CryptoProperties;
import io.zdash.secrets.SecretCipher;
import io.zdash.secrets.SecretKeys;
import io.zdash.support.RandomText;
import io.zdash.support.Sha256;
import io.zdash.support.SqlTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written by the previous schema (up to V8: counters in {@code password_throttle} and
 * {@code totp_credential}) is migrated by the current release, and nothing is lost: the sessions,
 * the credentials, the failure counts and the waits in force, and its owner signs in afterwards.
 * Instance tokens stored in clear are sealed at the first start. Subclasses name the database; this
 * one runs on in-memory H2.
 */
class UpgradeTest {

	static final String PREVIOUS_SCHEMA = "8";

	private static final String OWNER = "owner-" + UUID.randomUUID() + "@example.com";

	private static final String PAUSED = "paused-" + UUID.randomUUID() + "@example.com";

	private static final String INSTANCE_ID = RandomText.hex(16);

	private static final String INSTANCE_TOKEN = RandomText.hex(24);

	/** The database both releases use, and the arguments that point an application at it. */
	String[] database() {
		return new String[] { "--spring.datasource.url=jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" };
	}

	@Test
	void whenTheSchemaIsUpgradedThenSessionsCountersAndCredentialsSurviveAndTheOwnerSignsIn() throws Exception {
		String[] database = database();
		byte[] secret = RandomText.bytes(TwoFactorService.SECRET_BYTES);
		String sessionId; // as the previous release's cookie carried it
		// The previous release's schema, written as it wrote it. Not through today's beans: they now
		// expect columns (sealed instance tokens) that the old schema does not have yet.
		DriverManagerDataSource old = dataSource(database);
		Flyway.configure().dataSource(old).locations("classpath:db/migration", "classpath:db/vendor/" + vendor(database))
			.target(PREVIOUS_SCHEMA).load().migrate();
		sessionId = writeAsThePreviousReleaseDid(JdbcClient.create(old), secret);
		try (ConfigurableApplicationContext current = application(database, "--server.port=0")) {
			MutableClock clock = current.getBean(MutableClock.class);
			clock.set(Instant.now());
			JdbcClient jdbc = current.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select failures from attempt_gate where kind = 'PASSWORD' and gate_key = ?")
				.param(Sha256.hex(PAUSED)).query(Integer.class).single()).isEqualTo(7);
			// Accounts written before look-alike checks get their skeleton from the migration.
			assertThat(jdbc.sql("select email_skeleton from account where email = ?").param(OWNER).query(String.class)
				.single()).isNotBlank();
			@SuppressWarnings("unchecked")
			FindByIndexNameSessionRepository<Session> sessions = current.getBean(FindByIndexNameSessionRepository.class);
			// The session's cookie still finds it: the id is now the hash of what the cookie carries.
			assertThat(jdbc.sql("select count(*) from SPRING_SESSION where SESSION_ID = ?").param(sessionId)
				.query(Long.class).single()).isZero();
			assertThat(sessions.findById(Sha256.hex(sessionId)).<String>getAttribute("left-by")).isEqualTo("previous release");

			HttpJourney person = new HttpJourney(((WebServerApplicationContext) current).getWebServer().getPort());
			// The wait in force before the upgrade is in force after it, right password or not.
			assertThat(person.submit("/login", "/login", "email", PAUSED, "password", WebJourney.PASSWORD).statusCode())
				.isEqualTo(429);

			// Three wrong codes were counted before the upgrade: the fifth in a row, two later, pauses.
			assertThat(signIn(person).headers().firstValue("Location").orElse("")).endsWith("/login/totp");
			assertThat(person.submit("/login/totp", "/login/totp", "code", "000000").statusCode()).isEqualTo(200);
			assertThat(person.submit("/login/totp", "/login/totp", "code", "000001").statusCode()).isEqualTo(429);

			clock.advance(Duration.ofSeconds(31));
			assertThat(signIn(person).statusCode()).isEqualTo(302);
			HttpResponse<String> accepted = person.submit("/login/totp", "/login/totp", "code", HttpJourney.code(secret, clock));
			assertThat(accepted.headers().firstValue("Location").orElse("")).endsWith("/");
			assertThat(person.get("/").statusCode()).isEqualTo(200);

			// The instance token stored in clear was sealed at start-up, and is still the same token.
			assertThat(jdbc.sql("select count(*) from instance where token is not null or token_sealed is null")
				.query(Long.class).single()).isZero();
			person.submit("/", "/instances/" + INSTANCE_ID + "/token");
			String revealed = person.get("/").body();
			assertThat(revealed).contains(INSTANCE_TOKEN);
		}
	}

	private static DriverManagerDataSource dataSource(String[] database) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(argument(database, "url", null),
				argument(database, "username", "sa"), argument(database, "password", ""));
		return dataSource;
	}

	private static String vendor(String[] database) {
		return argument(database, "url", null).startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
	}

	private static String argument(String[] database, String name, String otherwise) {
		String prefix = "--spring.datasource." + name + "=";
		return java.util.Arrays.stream(database).filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length()))
			.findFirst().orElse(otherwise);
	}

	private static HttpResponse<String> signIn(HttpJourney person) throws Exception {
		return person.submit("/login", "/login", "email", OWNER, "password", WebJourney.PASSWORD);
	}

	/** Rows as the previous release wrote them: its schema, its hashes, its sealed secrets, its clear tokens. */
	private static String writeAsThePreviousReleaseDid(JdbcClient jdbc, byte[] secret) {
		Instant now = Instant.now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into account (email, password_hash, created_at) values (?, ?, ?)")
			.params(OWNER, "{argon2id-m19456-t2-p1}" + new Argon2PasswordEncoder(16, 32, 1, 19456, 2).encode(WebJourney.PASSWORD),
					SqlTime.utc(now))
			.update(keys, "id");
		long accountId = keys.getKeyAs(Number.class).longValue();
		// Sealed with the key file the test profile's application uses.
		SecretKeys testKeys = new SecretKeys(new CryptoProperties(null, Path.of("target/test-data/keyset.json")), List.of());
		SecretCipher.Sealed sealed = new TotpSecrets(new SecretCipher(testKeys, List.of())).seal(accountId, secret);
		jdbc.sql("insert into instance (id, account_id, name, token, created_at) values (?, ?, 'Old instance', ?, ?)")
			.params(INSTANCE_ID, accountId, INSTANCE_TOKEN, SqlTime.utc(now))
			.update();
		jdbc.sql("""
				insert into totp_credential (account_id, secret, secret_key_id, enabled_at, last_used_step, failed_attempts)
				values (?, ?, ?, ?, 0, 3)""")
			.params(accountId, sealed.ciphertext(), sealed.keyId(), SqlTime.utc(now))
			.update();
		jdbc.sql("insert into password_throttle (email_key, failures, locked_until, last_failure_at) values (?, 7, ?, ?)")
			.params(Sha256.hex(PAUSED), SqlTime.utc(now.plus(Duration.ofMinutes(20))), SqlTime.utc(now))
			.update();
		// A session as the previous release stored it: the id was the cookie's value itself.
		String cookieValue = UUID.randomUUID().toString();
		String primaryId = UUID.randomUUID().toString();
		long nowMillis = now.toEpochMilli();
		jdbc.sql("""
				insert into SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL,
				    EXPIRY_TIME) values (?, ?, ?, ?, 1800, ?)""")
			.params(primaryId, cookieValue, nowMillis, nowMillis, nowMillis + 1_800_000)
			.update();
		jdbc.sql("insert into SPRING_SESSION_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) values (?, ?, ?)")
			.params(primaryId, "left-by", new SerializingConverter().convert("previous release"))
			.update();
		return cookieValue;
	}

	private static ConfigurableApplicationContext application(String[] database, String... more) {
		String[] args = new String[database.length + more.length];
		System.arraycopy(database, 0, args, 0, database.length);
		System.arraycopy(more, 0, args, database.length, more.length);
		return new SpringApplicationBuilder(ZdashApplication.class, TestClockConfig.class).profiles("test").run(args);
	}

}
