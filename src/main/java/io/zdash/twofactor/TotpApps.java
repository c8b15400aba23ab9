package io.zdash.twofactor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.secrets.SecretCipher;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The authenticator apps of the accounts, each with its sealed secret and its own replay ledger.
 * Owns {@code totp_app}; whether 2FA is on at all is {@link TotpCredentials}'.
 */
@Repository
class TotpApps implements SealedSecretStore {

	/**
	 * {@code name}: null for the app set up with 2FA before apps had names; {@code lastUsedBy}: a
	 * hash of the key of the sign-in that used its last code.
	 */
	record App(long id, long accountId, String name, String secret, Instant addedAt, long lastUsedStep,
			String lastUsedBy, Instant lastUsedAt) {

		@Override
		public String toString() {
			return "App[id=" + this.id + ", account=" + this.accountId + ", secret=******]";
		}

	}

	private final JdbcClient jdbc;

	TotpApps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The account's apps, oldest first. */
	List<App> of(long accountId) {
		return this.jdbc.sql("select * from totp_app where account_id = ? order by id")
			.param(accountId)
			.query((rs, n) -> new App(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
					rs.getString("secret"), SqlTime.instant(rs, "added_at"), rs.getLong("last_used_step"),
					rs.getString("last_used_by"), SqlTime.instant(rs, "last_used_at")))
			.list();
	}

	Optional<App> find(long accountId, long id) {
		return of(accountId).stream().filter(app -> app.id() == id).findFirst();
	}

	int count(long accountId) {
		return this.jdbc.sql("select count(*) from totp_app where account_id = ?").param(accountId).query(Integer.class).single();
	}

	/** A new app, its secret as sealed, the step of the code that proved it already used. @return its id */
	long add(long accountId, String name, SecretCipher.Sealed secret, Instant at, long provenStep) {
		KeyHolder id = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into totp_app (account_id, name, secret, secret_key_id, added_at, last_used_step)
				values (?, ?, ?, ?, ?, ?)""")
			.params(accountId, name, secret.ciphertext(), secret.keyId(), SqlTime.utc(at), provenStep)
			.update(id, "id");
		return id.getKeyAs(Number.class).longValue();
	}

	/**
	 * The replay guard of one app: records {@code step} as used only if it is newer than every step
	 * used before with this app. One conditional UPDATE, so of two concurrent submissions of one code
	 * exactly one wins, on any node sharing the database.
	 * @return whether this call won the step
	 */
	boolean claimStep(long appId, long step, String sessionKey, Instant at) {
		return this.jdbc.sql("""
				update totp_app set last_used_step = ?, last_used_by = ?, last_used_at = ?
				where id = ? and last_used_step < ?""")
			.params(step, sessionKey, SqlTime.utc(at), appId, step)
			.update() == 1;
	}

	boolean rename(long accountId, long id, String name) {
		return this.jdbc.sql("update totp_app set name = ? where account_id = ? and id = ?")
			.params(name, accountId, id)
			.update() == 1;
	}

	boolean remove(long accountId, long id) {
		return this.jdbc.sql("delete from totp_app where account_id = ? and id = ?").params(accountId, id).update() == 1;
	}

	void removeAll(long accountId) {
		this.jdbc.sql("delete from totp_app where account_id = ?").param(accountId).update();
	}

	@Override
	public long count() {
		return this.jdbc.sql("select count(*) from totp_app").query(Long.class).single();
	}

	@Override
	public Optional<StoredSecret> any() {
		return this.jdbc.sql("select id, account_id, secret from totp_app order by id fetch first 1 rows only")
			.query((rs, n) -> new StoredSecret(rs.getLong("id"), rs.getLong("account_id"), rs.getString("secret")))
			.optional();
	}

	@Override
	public List<StoredSecret> sealedWithOtherKey(long keyId, int limit) {
		return this.jdbc
			.sql("select id, account_id, secret from totp_app where secret_key_id <> ? order by id fetch first " + limit
					+ " rows only")
			.param(keyId)
			.query((rs, n) -> new StoredSecret(rs.getLong("id"), rs.getLong("account_id"), rs.getString("secret")))
			.list();
	}

	@Override
	public boolean replace(StoredSecret old, SecretCipher.Sealed fresh) {
		return this.jdbc.sql("update totp_app set secret = ?, secret_key_id = ? where id = ? and secret = ?")
			.params(fresh.ciphertext(), fresh.keyId(), old.row(), old.secret())
			.update() == 1;
	}

}
