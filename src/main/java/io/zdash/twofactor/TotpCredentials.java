package io.zdash.twofactor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.secrets.SecretCipher;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storage of pending enrollments and active authenticators, with their replay ledger and block.
 * Owns {@code totp_enrollment} and {@code totp_credential}; the failure count lives in the attempt
 * gate of {@code signin}.
 */
@Repository
class TotpCredentials {

	record Enrollment(long accountId, String secret, Instant expiresAt, Long verifiedStep, String sessionBinding) {

		@Override
		public String toString() {
			return "Enrollment[account=" + this.accountId + ", secret=******]";
		}

	}

	/** {@code lastUsedBy}: a hash of the key of the sign-in that used the last code; {@code checkedUpAt}: the last check-up. */
	record Credential(long accountId, String secret, Instant enabledAt, long lastUsedStep, Instant blockedAt,
			String lastUsedBy, Instant checkedUpAt) {

		@Override
		public String toString() {
			return "Credential[account=" + this.accountId + ", secret=******]";
		}

	}

	private final JdbcClient jdbc;

	TotpCredentials(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Enrollment> findEnrollment(long accountId) {
		return this.jdbc.sql("select * from totp_enrollment where account_id = ?")
			.param(accountId)
			.query((rs, n) -> new Enrollment(rs.getLong("account_id"), rs.getString("secret"),
					SqlTime.instant(rs, "expires_at"), (Long) rs.getObject("verified_step", Long.class),
					rs.getString("session_binding")))
			.optional();
	}

	/** The account's one pending key, bound to one session: any earlier one (of any session) is gone. */
	void replaceEnrollment(long accountId, SecretCipher.Sealed secret, String sessionBinding, Instant now,
			Instant expiresAt) {
		deleteEnrollment(accountId);
		this.jdbc.sql("""
				insert into totp_enrollment (account_id, secret, secret_key_id, created_at, expires_at, session_binding)
				values (?, ?, ?, ?, ?, ?)""")
			.params(accountId, secret.ciphertext(), secret.keyId(), SqlTime.utc(now), SqlTime.utc(expiresAt),
					sessionBinding)
			.update();
	}

	void markEnrollmentVerified(long accountId, long step) {
		this.jdbc.sql("update totp_enrollment set verified_step = ? where account_id = ?").params(step, accountId).update();
	}

	void deleteEnrollment(long accountId) {
		this.jdbc.sql("delete from totp_enrollment where account_id = ?").param(accountId).update();
	}

	Optional<Credential> findCredential(long accountId) {
		return this.jdbc.sql("select * from totp_credential where account_id = ?")
			.param(accountId)
			.query((rs, n) -> new Credential(rs.getLong("account_id"), rs.getString("secret"),
					SqlTime.instant(rs, "enabled_at"), rs.getLong("last_used_step"), SqlTime.instant(rs, "blocked_at"),
					rs.getString("last_used_by"), SqlTime.instant(rs, "checked_up_at")))
			.optional();
	}

	/**
	 * Moves a verified enrollment's sealed secret, as it is, into the active credential. The enrollment
	 * row is taken first: of two concurrent confirmations only one finds it, so only one goes on.
	 * @return whether this call moved it
	 */
	boolean moveEnrollmentToCredential(long accountId, Instant enabledAt, long lastUsedStep) {
		record Sealed(String secret, long keyId) {
		}
		Optional<Sealed> sealed = this.jdbc.sql("select secret, secret_key_id from totp_enrollment where account_id = ?")
			.param(accountId)
			.query((rs, n) -> new Sealed(rs.getString("secret"), rs.getLong("secret_key_id")))
			.optional();
		if (sealed.isEmpty() || this.jdbc.sql("delete from totp_enrollment where account_id = ? and verified_step is not null")
			.param(accountId)
			.update() != 1) {
			return false;
		}
		this.jdbc.sql("""
				insert into totp_credential (account_id, secret, secret_key_id, enabled_at, last_used_step)
				values (?, ?, ?, ?, ?)""")
			.params(accountId, sealed.get().secret(), sealed.get().keyId(), SqlTime.utc(enabledAt), lastUsedStep)
			.update();
		return true;
	}

	void deleteCredential(long accountId) {
		this.jdbc.sql("delete from totp_credential where account_id = ?").param(accountId).update();
	}

	/**
	 * The replay guard: records {@code step} as used only if it is newer than every step used before.
	 * One conditional UPDATE, so of two concurrent submissions of one code exactly one wins, on any
	 * node sharing the database.
	 * @return whether this call won the step
	 */
	boolean claimStep(long accountId, long step, String sessionKey) {
		return this.jdbc.sql("""
				update totp_credential set last_used_step = ?, last_used_by = ?
				where account_id = ? and last_used_step < ? and blocked_at is null""")
			.params(step, sessionKey, accountId, step)
			.update() == 1;
	}

	void checkedUp(long accountId, Instant at) {
		this.jdbc.sql("update totp_credential set checked_up_at = ? where account_id = ?").params(SqlTime.utc(at), accountId).update();
	}

	/**
	 * Blocks app codes (after 100 failures in a row) until a recovery code is used.
	 * @return whether this call set the block (it was not blocked already)
	 */
	boolean block(long accountId, Instant at) {
		return this.jdbc.sql("update totp_credential set blocked_at = ? where account_id = ? and blocked_at is null")
			.params(SqlTime.utc(at), accountId)
			.update() == 1;
	}

	/** After a recovery code or an administrator's unlock: app codes work again. */
	void unblock(long accountId) {
		this.jdbc.sql("update totp_credential set blocked_at = null where account_id = ?").param(accountId).update();
	}

	/** A sealed secret as stored, for the key check at start-up and key rotation. */
	record StoredSecret(long accountId, String secret) {

		@Override
		public String toString() {
			return "StoredSecret[account=" + this.accountId + "]";
		}

	}

	/** The two places secrets are stored: pending enrollments and active authenticators. */
	enum Store {

		ENROLLMENT("totp_enrollment"), CREDENTIAL("totp_credential");

		private final String table;

		Store(String table) {
			this.table = table;
		}

	}

	/** How many rows, so how many secrets, the store holds: for the credentials, the accounts with 2FA on. */
	long count(Store store) {
		return this.jdbc.sql("select count(*) from " + store.table).query(Long.class).single();
	}

	Optional<StoredSecret> anyCredentialSecret() {
		return this.jdbc.sql("select account_id, secret from totp_credential order by account_id fetch first 1 rows only")
			.query((rs, n) -> new StoredSecret(rs.getLong("account_id"), rs.getString("secret")))
			.optional();
	}

	/** Up to {@code limit} secrets not sealed with key {@code keyId}, in account order. */
	List<StoredSecret> sealedWithOtherKey(Store store, long keyId, int limit) {
		return this.jdbc
			.sql("select account_id, secret from " + store.table + " where secret_key_id <> ? order by account_id"
					+ " fetch first " + limit + " rows only")
			.param(keyId)
			.query((rs, n) -> new StoredSecret(rs.getLong("account_id"), rs.getString("secret")))
			.list();
	}

	/** Replaces a sealed secret only if it is unchanged since it was read (a sign-in may race it). */
	boolean replaceSecret(Store store, StoredSecret old, SecretCipher.Sealed fresh) {
		return this.jdbc.sql("update " + store.table + " set secret = ?, secret_key_id = ? where account_id = ? and secret = ?")
			.params(fresh.ciphertext(), fresh.keyId(), old.accountId(), old.secret())
			.update() == 1;
	}

}
