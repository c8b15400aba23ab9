package io.zdash.twofactor;

import java.time.Instant;
import java.util.Optional;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage of pending enrollments and active authenticators. */
@Repository
class TotpCredentials {

	record Enrollment(long accountId, String secret, Instant expiresAt, Long verifiedStep) {

		@Override
		public String toString() {
			return "Enrollment[account=" + this.accountId + ", secret=******]";
		}

	}

	record Credential(long accountId, String secret, Instant enabledAt, long lastUsedStep, int failedAttempts) {

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

	void replaceEnrollment(long accountId, String secret, Instant now, Instant expiresAt) {
		deleteEnrollment(accountId);
		this.jdbc.sql("insert into totp_enrollment (account_id, secret, created_at, expires_at) values (?, ?, ?, ?)")
			.params(accountId, secret, SqlTime.utc(now), SqlTime.utc(expiresAt))
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
					SqlTime.instant(rs, "enabled_at"), rs.getLong("last_used_step"), rs.getInt("failed_attempts")))
			.optional();
	}

	void insertCredential(long accountId, String secret, Instant enabledAt, long lastUsedStep) {
		this.jdbc.sql("""
				insert into totp_credential (account_id, secret, enabled_at, last_used_step, failed_attempts)
				values (?, ?, ?, ?, 0)""").params(accountId, secret, SqlTime.utc(enabledAt), lastUsedStep).update();
	}

	void deleteCredential(long accountId) {
		this.jdbc.sql("delete from totp_credential where account_id = ?").param(accountId).update();
	}

	/**
	 * The replay guard: records {@code step} as used only if it is newer than every step used before.
	 * One conditional UPDATE, so of two concurrent submissions of one code exactly one wins, on any
	 * node sharing the database.
	 * @return whether this call won the step and also reset the failure counter
	 */
	boolean claimStep(long accountId, long step) {
		return this.jdbc.sql("""
				update totp_credential set last_used_step = ?, failed_attempts = 0
				where account_id = ? and last_used_step < ?""").params(step, accountId, step).update() == 1;
	}

	/** @return the consecutive failures after this one */
	int recordFailure(long accountId) {
		this.jdbc.sql("update totp_credential set failed_attempts = failed_attempts + 1 where account_id = ?")
			.param(accountId)
			.update();
		return this.jdbc.sql("select failed_attempts from totp_credential where account_id = ?")
			.param(accountId)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	void resetFailures(long accountId) {
		this.jdbc.sql("update totp_credential set failed_attempts = 0 where account_id = ?").param(accountId).update();
	}

}
