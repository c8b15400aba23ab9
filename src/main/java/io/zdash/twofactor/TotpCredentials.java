package io.zdash.twofactor;

import java.time.Instant;
import java.util.Optional;

import io.zdash.support.Backoff;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage of pending enrollments and active authenticators, with their replay ledger and throttle. */
@Repository
class TotpCredentials {

	record Enrollment(long accountId, String secret, Instant expiresAt, Long verifiedStep) {

		@Override
		public String toString() {
			return "Enrollment[account=" + this.accountId + ", secret=******]";
		}

	}

	record Credential(long accountId, String secret, Instant enabledAt, long lastUsedStep, int failedAttempts,
			Instant lockedUntil, Instant blockedAt) {

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
					SqlTime.instant(rs, "expires_at"), (Long) rs.getObject("verified_step", Long.class)))
			.optional();
	}

	void replaceEnrollment(long accountId, SecretCipher.Sealed secret, Instant now, Instant expiresAt) {
		deleteEnrollment(accountId);
		this.jdbc.sql("""
				insert into totp_enrollment (account_id, secret, secret_key_id, created_at, expires_at)
				values (?, ?, ?, ?, ?)""")
			.params(accountId, secret.ciphertext(), secret.keyId(), SqlTime.utc(now), SqlTime.utc(expiresAt))
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
					SqlTime.instant(rs, "enabled_at"), rs.getLong("last_used_step"), rs.getInt("failed_attempts"),
					SqlTime.instant(rs, "locked_until"), SqlTime.instant(rs, "blocked_at")))
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
				insert into totp_credential (account_id, secret, secret_key_id, enabled_at, last_used_step, failed_attempts)
				values (?, ?, ?, ?, ?, 0)""")
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
	 * @return whether this call won the step (and so reset the failure counter)
	 */
	boolean claimStep(long accountId, long step) {
		return this.jdbc.sql("""
				update totp_credential set last_used_step = ?, failed_attempts = 0, locked_until = null
				where account_id = ? and last_used_step < ? and blocked_at is null""")
			.params(step, accountId, step)
			.update() == 1;
	}

	/**
	 * Lets one second-factor check through, or not: the attempt is counted as a failure first, by one
	 * conditional UPDATE that also closes the gate (for {@code provisionalUntil}) from the fifth on,
	 * so parallel requests cannot all be checked when a wait ends. A right code resets the count.
	 * @return whether the check may go ahead
	 */
	boolean beginAttempt(long accountId, Instant now, Instant provisionalUntil) {
		return this.jdbc.sql("""
				update totp_credential
				set failed_attempts = failed_attempts + 1,
				    locked_until = case when failed_attempts + 1 > ? then ? else locked_until end
				where account_id = ? and (locked_until is null or locked_until <= ?)""")
			.params(Backoff.FREE_FAILURES, SqlTime.utc(provisionalUntil), accountId, SqlTime.utc(now))
			.update() == 1;
	}

	/** The consecutive failures so far, this attempt included. */
	int failures(long accountId) {
		return this.jdbc.sql("select failed_attempts from totp_credential where account_id = ?")
			.param(accountId)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/** After a recovery code: the counter, the wait and a block after 100 failures are all lifted. */
	void clearFailures(long accountId) {
		this.jdbc.sql("""
				update totp_credential set failed_attempts = 0, locked_until = null, blocked_at = null
				where account_id = ?""").param(accountId).update();
	}

	void lockUntil(long accountId, Instant until) {
		this.jdbc.sql("update totp_credential set locked_until = ? where account_id = ?")
			.params(SqlTime.utc(until), accountId)
			.update();
	}

	/** Blocks app codes; the wait is lifted so that the recovery-code path stays open to the owner. */
	void block(long accountId, Instant at) {
		this.jdbc.sql("update totp_credential set blocked_at = ?, locked_until = null where account_id = ? and blocked_at is null")
			.params(SqlTime.utc(at), accountId)
			.update();
	}

}
