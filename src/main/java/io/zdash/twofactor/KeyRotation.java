package io.zdash.twofactor;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code --rotate-keys}: adds a new primary key to the key file, then re-encrypts every stored
 * secret with it, a hundred rows at a time. Running nodes keep working throughout: the old key stays
 * in the keyset, so both old and new ciphertexts open, and nodes reload the changed key file. Each
 * row is replaced only if unchanged since it was read, so a concurrent sign-in never loses a write.
 */
@Component
class KeyRotation implements ApplicationRunner {

	static final String OPTION = "rotate-keys";

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private static final List<String> TABLES = List.of("totp_credential", "totp_enrollment");

	private final SecretKeys keys;

	private final SecretCipher cipher;

	private final JdbcClient jdbc;

	KeyRotation(SecretKeys keys, SecretCipher cipher, JdbcClient jdbc) {
		this.keys = keys;
		this.cipher = cipher;
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (args.containsOption(OPTION)) {
			int count = rotate();
			log.info("Key rotation done: {} two-factor secrets re-encrypted with key {}", count, this.keys.primaryKeyId());
		}
	}

	/** @return how many secrets were re-encrypted */
	int rotate() {
		this.keys.addPrimaryKey();
		long primary = this.keys.primaryKeyId();
		int total = 0;
		for (String table : TABLES) {
			int batch;
			do {
				batch = 0;
				List<Row> rows = this.jdbc
					.sql("select account_id, secret from " + table
							+ " where secret_key_id <> ? order by account_id fetch first 100 rows only")
					.param(primary)
					.query((rs, n) -> new Row(rs.getLong("account_id"), rs.getString("secret")))
					.list();
				for (Row row : rows) {
					SecretCipher.Sealed sealed = this.cipher.seal(row.accountId(), this.cipher.open(row.accountId(), row.secret()));
					batch += this.jdbc
						.sql("update " + table + " set secret = ?, secret_key_id = ? where account_id = ? and secret = ?")
						.params(sealed.ciphertext(), sealed.keyId(), row.accountId(), row.secret())
						.update();
				}
				total += batch;
			}
			while (batch > 0);
		}
		return total;
	}

	private record Row(long accountId, String secret) {

		@Override
		public String toString() {
			return "Row[account=" + this.accountId + "]";
		}

	}

}
