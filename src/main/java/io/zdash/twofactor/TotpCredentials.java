package io.zdash.twofactor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.secrets.SecretCipher;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storage of pending enrollments (one per account, of the session setting an app up) and of the
 * account's 2FA state: on since when, the block of app codes, the last check-up. Owns
 * {@code totp_enrollment} and {@code totp_credential}; the apps are {@link TotpApps}', the failure
 * count lives in the attempt gate of {@code signin}.
 */
@Repository
class TotpCredentials implements SealedSecretStore {

	record Enrollment(long accountId, String secret, Instant expiresAt, Long verifiedStep, String sessionBinding) {

		@Override
		public String toString() {
			return "Enrollment[account=" + this.accountId + ", secret=******]";
		}

	}

	/** 2FA is on: since {@code enabledAt}; {@code blockedAt}: app codes blocked; {@code checkedUpAt}: the last check-up. */
	record Credential(long accountId, Instant enabledAt, Instant blockedAt, Instant checkedUpAt) {
	}

	/** A pending key taken out of its enrollment, as sealed, and the step of the code that proved it. */
	record Taken(SecretCipher.Sealed secret, long provenStep) {

		@Override
		public String toString() {
			return "Taken[secret=******]";
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
			.query((rs, n) -> new Credential(rs.getLong("account_id"), SqlTime.instant(rs, "enabled_at"),
					SqlTime.instant(rs, "blocked_at"), SqlTime.instant(rs, "checked_up_at")))
			.optional();
	}

	/**
	 * Takes the account's verified enrollment: its row is deleted by a conditional DELETE, so of two
	 * concurrent confirmations only one gets it (and goes on to store the app).
	 */
	Optional<Taken> takeVerifiedEnrollment(long accountId) {
		record Row(String secret, long keyId, Long step) {
		}
		Optional<Row> row = this.jdbc.sql("select secret, secret_key_id, verified_step from totp_enrollment where account_id = ?")
			.param(accountId)
			.query((rs, n) -> new Row(rs.getString("secret"), rs.getLong("secret_key_id"),
					(Long) rs.getObject("verified_step", Long.class)))
			.optional()
			.filter(r -> r.step() != null);
		return row.filter(r -> this.jdbc
			.sql("delete from totp_enrollment where account_id = ? and secret = ? and verified_step is not null")
			.params(accountId, r.secret())
			.update() == 1)
			.map(r -> new Taken(new SecretCipher.Sealed(r.secret(), r.keyId()), r.step()));
	}

	/** 2FA on: the account's state row (its first app and recovery codes are the caller's). */
	void enable(long accountId, Instant enabledAt) {
		this.jdbc.sql("insert into totp_credential (account_id, enabled_at) values (?, ?)")
			.params(accountId, SqlTime.utc(enabledAt))
			.update();
	}

	/**
	 * Locks the account's 2FA row until the caller's transaction ends: every change to the set of its
	 * factors (add or remove an app or a key, 2FA off) takes it first, so they happen one after the
	 * other, on any node. Returns whether 2FA is on (there is a row to lock).
	 */
	boolean lock(long accountId) {
		return locked("select account_id from totp_credential where account_id = ? for update", accountId);
	}

	/**
	 * Locks the account's 2FA row, as {@link #lock}, if its app codes are not blocked: a code checked
	 * before the hundredth wrong one blocked them waits for that block, then finds it.
	 */
	boolean lockUnblocked(long accountId) {
		return locked("select account_id from totp_credential where account_id = ? and blocked_at is null for update",
				accountId);
	}

	private boolean locked(String selectForUpdate, long accountId) {
		return !this.jdbc.sql(selectForUpdate).param(accountId).query().listOfRows().isEmpty();
	}

	void deleteCredential(long accountId) {
		this.jdbc.sql("delete from totp_credential where account_id = ?").param(accountId).update();
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

	/** How many accounts have 2FA on. */
	long accountsEnabled() {
		return this.jdbc.sql("select count(*) from totp_credential").query(Long.class).single();
	}

	/** The pending keys' secrets, for key rotation: {@code row} is the account. */
	@Override
	public long count() {
		return this.jdbc.sql("select count(*) from totp_enrollment").query(Long.class).single();
	}

	@Override
	public Optional<StoredSecret> any() {
		return this.jdbc.sql("select account_id, secret from totp_enrollment order by account_id fetch first 1 rows only")
			.query((rs, n) -> new StoredSecret(rs.getLong("account_id"), rs.getLong("account_id"), rs.getString("secret")))
			.optional();
	}

	@Override
	public List<StoredSecret> sealedWithOtherKey(long keyId, int limit) {
		return this.jdbc
			.sql("select account_id, secret from totp_enrollment where secret_key_id <> ? order by account_id"
					+ " fetch first " + limit + " rows only")
			.param(keyId)
			.query((rs, n) -> new StoredSecret(rs.getLong("account_id"), rs.getLong("account_id"), rs.getString("secret")))
			.list();
	}

	@Override
	public boolean replace(StoredSecret old, SecretCipher.Sealed fresh) {
		return this.jdbc.sql("update totp_enrollment set secret = ?, secret_key_id = ? where account_id = ? and secret = ?")
			.params(fresh.ciphertext(), fresh.keyId(), old.row(), old.secret())
			.update() == 1;
	}

}
