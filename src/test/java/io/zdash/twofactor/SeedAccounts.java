package io.zdash.twofactor;

import java.security.SecureRandom;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import io.zdash.secrets.CryptoProperties;
import io.zdash.secrets.SealedValues;
import io.zdash.secrets.SecretCipher;
import io.zdash.secrets.SecretKeys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Benchmark tool (not a test): fills a stopped node's database with enrolled accounts that the load
 * never signs in with, so the load benchmark can compare 100 with 100,000 accounts. Each gets what an
 * enrolled account has: a password hash, an authenticator secret sealed with the node's own key and
 * cipher (a node refuses to start on secrets its key cannot open), ten recovery codes, a known device
 * and three security-log entries. One Argon2id hash is shared by all: computing 100,000 would take an
 * hour and change nothing about the lookups measured. In this package for the package-private cipher.
 * Usage: SeedAccounts jdbc-url keyset-file count
 */
public final class SeedAccounts {

	private static final int BATCH = 1_000;

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int count = Integer.parseInt(args[2]);
		TotpSecrets cipher;
		try (SingleConnectionDataSource keys = new SingleConnectionDataSource(url, "sa", "", true)) {
			JdbcClient jdbc = JdbcClient.create(keys);
			List<SealedValues> stored = List.of(new TotpSecretValues(new TotpApps(jdbc), new TotpCredentials(jdbc)));
			cipher = new TotpSecrets(new SecretCipher(new SecretKeys(new CryptoProperties(null, Path.of(args[1])), stored), stored));
		}
		SecureRandom random = new SecureRandom();
		String hash = "{argon2id-m19456-t2-p1}" + new Argon2PasswordEncoder(16, 32, 1, 19456, 2).encode("not used");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long step = now.toEpochSecond() / 30;
		try (Connection db = DriverManager.getConnection(url, "sa", "")) {
			db.setAutoCommit(false);
			try (PreparedStatement account = db.prepareStatement(
					"insert into account (email, password_hash, created_at) values (?, ?, ?)",
					Statement.RETURN_GENERATED_KEYS);
					PreparedStatement credential = db.prepareStatement(
							"insert into totp_credential (account_id, enabled_at) values (?, ?)");
					PreparedStatement app = db.prepareStatement("""
							insert into totp_app (account_id, secret, added_at, last_used_step, secret_key_id)
							values (?, ?, ?, ?, ?)""");
					PreparedStatement code = db.prepareStatement("""
							insert into recovery_code (account_id, salt, hash, active, created_at)
							values (?, ?, ?, true, ?)""");
					PreparedStatement device = db.prepareStatement(
							"insert into known_device (account_id, device_key, first_seen, last_seen) values (?, ?, ?, ?)");
					PreparedStatement event = db.prepareStatement("""
							insert into security_event (occurred_at, account_id, type, client_address, user_agent)
							values (?, ?, ?, '192.0.2.1', 'Mozilla/5.0 (seeded)')""")) {
				for (int i = 0; i < count; i++) {
					account.setString(1, "seeded-" + i + "@bench.example");
					account.setString(2, hash);
					account.setObject(3, now);
					account.executeUpdate();
					long id;
					try (ResultSet keys = account.getGeneratedKeys()) {
						keys.next();
						id = keys.getLong(1);
					}
					credential.setLong(1, id);
					credential.setObject(2, now);
					credential.addBatch();
					SecretCipher.Sealed sealed = cipher.seal(id, bytes(random, 20));
					app.setLong(1, id);
					app.setString(2, sealed.ciphertext());
					app.setObject(3, now);
					app.setLong(4, step);
					app.setLong(5, sealed.keyId());
					app.addBatch();
					for (int c = 0; c < 10; c++) {
						code.setLong(1, id);
						code.setString(2, HexFormat.of().formatHex(bytes(random, 16)));
						code.setString(3, HexFormat.of().formatHex(bytes(random, 32)));
						code.setObject(4, now);
						code.addBatch();
					}
					device.setLong(1, id);
					device.setString(2, HexFormat.of().formatHex(bytes(random, 32)));
					device.setObject(3, now);
					device.setObject(4, now);
					device.addBatch();
					for (String type : new String[] { "TWO_FACTOR_ENABLED", "SIGN_IN_PASSWORD_SUCCEEDED", "SIGN_IN_CODE_SUCCEEDED" }) {
						event.setObject(1, now);
						event.setLong(2, id);
						event.setString(3, type);
						event.addBatch();
					}
					if ((i + 1) % BATCH == 0 || i == count - 1) {
						credential.executeBatch();
						app.executeBatch();
						code.executeBatch();
						device.executeBatch();
						event.executeBatch();
						db.commit();
					}
				}
			}
		}
		System.out.printf("seeded %d accounts%n", count);
	}

	private static byte[] bytes(SecureRandom random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
