package io.zdash.twofactor;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.TestClockConfig;
import io.zdash.WebJourney;
import io.zdash.ZdashApplication;
import io.zdash.support.RandomText;
import io.zdash.support.Sha256;
import io.zdash.support.SqlTime;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written by the previous schema (up to V8: counters in {@code password_throttle} and
 * {@code totp_credential}) is migrated by the current release, and nothing is lost: the sessions,
 * the credentials, the failure counts and the waits in force, and its owner signs in afterwards.
 * Subclasses name the database; this one runs on in-memory H2.
 */
class UpgradeTest {

	static final String PREVIOUS_SCHEMA = "8";

	private static final String OWNER = "owner-" + UUID.randomUUID() + "@example.com";

	private static final String PAUSED = "paused-" + UUID.randomUUID() + "@example.com";

	/** The database both releases use, and the arguments that point an application at it. */
	String[] database() {
		return new String[] { "--spring.datasource.url=jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" };
	}

	@Test
	void whenTheSchemaIsUpgradedThenSessionsCountersAndCredentialsSurviveAndTheOwnerSignsIn() throws Exception {
		String[] database = database();
		byte[] secret = RandomText.bytes(TwoFactorService.SECRET_BYTES);
		String sessionId; // as the previous release's cookie carried it
		try (ConfigurableApplicationContext previous = application(database, "--server.port=0",
				"--spring.flyway.target=" + PREVIOUS_SCHEMA)) {
			sessionId = writeAsThePreviousReleaseDid(previous, secret);
		}
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
			assertThat(signIn(person).headers().firstValue("Location").orElse("")).endsWith("/");
			assertThat(person.submit("/login/totp", "/login/totp", "code", "000000").statusCode()).isEqualTo(200);
			assertThat(person.submit("/login/totp", "/login/totp", "code", "000001").statusCode()).isEqualTo(429);

			clock.advance(Duration.ofSeconds(31));
			assertThat(signIn(person).statusCode()).isEqualTo(302);
			HttpResponse<String> accepted = person.submit("/login/totp", "/login/totp", "code", HttpJourney.code(secret, clock));
			assertThat(accepted.headers().firstValue("Location").orElse("")).endsWith("/");
			assertThat(person.get("/").statusCode()).isEqualTo(200);
		}
	}

	private static HttpResponse<String> signIn(HttpJourney person) throws Exception {
		return person.submit("/login", "/login", "email", OWNER, "password", WebJourney.PASSWORD);
	}

	/** Rows as the previous release wrote them, through the beans that do not know the new schema. */
	private static String writeAsThePreviousReleaseDid(ConfigurableApplicationContext previous, byte[] secret) {
		JdbcClient jdbc = previous.getBean(JdbcClient.class);
		Instant now = Instant.now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into account (email, password_hash, created_at) values (?, ?, ?)")
			.params(OWNER, previous.getBean(PasswordEncoder.class).encode(WebJourney.PASSWORD), SqlTime.utc(now))
			.update(keys, "id");
		long accountId = keys.getKeyAs(Number.class).longValue();
		SecretCipher.Sealed sealed = previous.getBean(SecretCipher.class).seal(accountId, secret);
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
