package io.zdash.twofactor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.JourneyTest;
import io.zdash.secrets.CryptoProperties;
import io.zdash.secrets.KeyRotation;
import io.zdash.secrets.SealedValues;
import io.zdash.secrets.SecretCipher;
import io.zdash.secrets.SecretKeys;
import io.zdash.support.Base32;
import org.flywaydb.core.Flyway;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A stolen database holds no usable secret; the key lives outside it, can rotate, and must match. */
class SecretsAtRestTest extends JourneyTest {

	private static final List<String> TABLES = List.of("account", "totp_credential", "totp_app", "totp_enrollment", "recovery_code",
			"security_event", "attempt_gate", "instance");

	@Autowired
	KeyRotation rotation;

	@Autowired
	SecretKeys keys;

	@Test
	void whenDatabaseDumpedThenNeitherTheBase32NorTheRawSecretIsInIt() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(email));
		// A second account stays half-way through setup: pending secrets are sealed too.
		var other = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		String pending = this.journey.page("/security/two-factor/setup", other).getElementById("totp-secret").text().replace(" ", "");

		String dump = dump();
		for (byte[] secret : List.of(enrolled.secret(), Base32.decode(pending))) {
			assertThat(dump).doesNotContain(Base32.encode(secret))
				.doesNotContainIgnoringCase(HexFormat.of().formatHex(secret))
				.doesNotContain(Base64.getEncoder().encodeToString(secret))
				.doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
		}
		for (String code : enrolled.recoveryCodes()) {
			assertThat(dump).doesNotContain(code).doesNotContain(code.replace("-", ""));
		}
		assertThat(dump).doesNotContain(WebJourney.PASSWORD);
	}

	@Test
	void whenInstancesAreCreatedAndTheirTokensRotatedThenNoStoredValueIsAToken() throws Exception {
		var session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		List<String> tokens = new java.util.ArrayList<>();
		for (String name : List.of("Sales", "Support")) {
			this.mvc.perform(post("/instances").session(session).with(csrf()).param("name", name));
		}
		List<String> ids = this.journey.page("/", session).select("code.instance-id").eachText();
		assertThat(ids).hasSize(2);
		for (String id : ids) {
			tokens.add(revealedToken(session, "/instances/" + id + "/token"));
			tokens.add(revealedToken(session, "/instances/" + id + "/token/rotate"));
			assertThat(revealedToken(session, "/instances/" + id + "/token")).isEqualTo(tokens.get(tokens.size() - 1));
		}
		String dump = dump();
		for (String token : tokens) {
			assertThat(token).matches("[0-9A-F]{48}");
			assertThat(dump).doesNotContainIgnoringCase(token).doesNotContain(token.substring(0, 24))
				.doesNotContain(Base64.getEncoder().encodeToString(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
		}
		assertThat(this.jdbc.sql("select count(*) from instance where token is not null").query(Long.class).single()).isZero();
	}

	@Test
	void whenKeysRotatedThenInstanceTokensAreResealedAndStillTheSame() throws Exception {
		var session = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		this.mvc.perform(post("/instances").session(session).with(csrf()).param("name", "Kept"));
		String id = this.journey.page("/", session).select("code.instance-id").text();
		String token = revealedToken(session, "/instances/" + id + "/token");
		String before = this.jdbc.sql("select token_sealed from instance where id = ?").param(id).query(String.class).single();

		this.rotation.rotate();

		assertThat(this.jdbc.sql("select count(*) from instance where token_key_id <> ?").param(this.keys.primaryKeyId())
			.query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("select token_sealed from instance where id = ?").param(id).query(String.class).single())
			.isNotEqualTo(before);
		assertThat(revealedToken(session, "/instances/" + id + "/token")).isEqualTo(token);
	}

	private String revealedToken(org.springframework.mock.web.MockHttpSession session, String action) throws Exception {
		var result = this.mvc.perform(post(action).session(session).with(csrf())).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).as(action).isEqualTo("/");
		return this.journey.page("/", session).select("button[data-copy]").attr("data-copy");
	}

	@Test
	void whenKeysRotatedThenEverySecretIsResealedAndSignInStillWorks() throws Exception {
		String email = WebJourney.uniqueEmail();
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(email));
		String before = storedSecret(email);

		this.rotation.rotate();

		long primary = this.keys.primaryKeyId();
		assertThat(this.jdbc.sql("select count(*) from totp_app where secret_key_id <> ?").param(primary)
			.query(Long.class).single()).isZero();
		assertThat(storedSecret(email)).isNotEqualTo(before);
		this.journey.signInWithCode(email, enrolled.secret());
	}

	@Test
	void whenKeyFileMissingWhileSecretsAreStoredThenStartUpFailsClearly(@TempDir Path dir) throws Exception {
		this.journey.enableTwoFactor(this.journey.signUpAndSignIn(WebJourney.uniqueEmail()));
		CryptoProperties missing = new CryptoProperties(null, dir.resolve("gone.json"));
		assertThatIllegalStateException().isThrownBy(() -> new SecretKeys(missing, stored(this.jdbc)))
			.withMessageContaining("is missing")
			.withMessageContaining("gone.json");
	}

	@Test
	void whenKeyIsWrongThenStartUpFailsClearly(@TempDir Path dir) throws Exception {
		this.journey.enableTwoFactor(this.journey.signUpAndSignIn(WebJourney.uniqueEmail()));
		SecretKeys otherKey = new SecretKeys(new CryptoProperties(null, dir.resolve("other.json")), stored(emptyDatabase()));
		assertThatIllegalStateException().isThrownBy(() -> new SecretCipher(otherKey, stored(this.jdbc)))
			.withMessageContaining("cannot be decrypted");
	}

	@Test
	void whenFirstStartThenKeyFileIsCreatedReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("keys/keyset.json");
		new SecretKeys(new CryptoProperties(null, file), stored(emptyDatabase()));
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.readString(file)).contains("AesGcmKey");
	}

	private String storedSecret(String email) {
		return this.jdbc.sql("select c.secret from totp_app c join account a on a.id = c.account_id where a.email = ?")
			.param(email).query(String.class).single();
	}

	/** Every row of every table as text: what a database dump would show. */
	private String dump() {
		StringBuilder out = new StringBuilder();
		for (String table : TABLES) {
			this.jdbc.sql("select * from " + table).query().listOfRows().forEach(row -> out.append(row).append('\n'));
		}
		return out.toString();
	}

	private static List<SealedValues> stored(JdbcClient jdbc) {
		return List.of(new TotpSecretValues(new TotpApps(jdbc), new TotpCredentials(jdbc)));
	}

	private static JdbcClient emptyDatabase() {
		DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:empty-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"sa", "");
		// The same locations as the application (application.properties) on H2.
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
		return JdbcClient.create(dataSource);
	}

}
