package io.zdash.trusteddevice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code trusted_device} table: one row per trusted browser, its secret only as a hash. */
@Repository
class TrustedDeviceRepository {

	record Row(String publicId, long accountId, String secretHash, String previousHash, int sessionEpoch, String userAgent,
			Instant createdAt, Instant lastUsedAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "Row[publicId=" + this.publicId + ", accountId=" + this.accountId + "]";
		}

	}

	private static final String COLUMNS = "public_id, account_id, secret_hash, previous_hash, session_epoch, user_agent, created_at, "
			+ "last_used_at, expires_at";

	private final JdbcClient jdbc;

	TrustedDeviceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> find(String publicId) {
		return this.jdbc.sql("select " + COLUMNS + " from trusted_device where public_id = ?")
			.param(publicId)
			.query(TrustedDeviceRepository::row)
			.optional();
	}

	/** Newest first. */
	List<Row> ofAccount(long accountId) {
		return this.jdbc.sql("select " + COLUMNS + " from trusted_device where account_id = ? order by created_at desc")
			.param(accountId)
			.query(TrustedDeviceRepository::row)
			.list();
	}

	void insert(Row row) {
		this.jdbc.sql("insert into trusted_device (public_id, account_id, secret_hash, session_epoch, user_agent, "
				+ "created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)")
			.params(row.publicId(), row.accountId(), row.secretHash(), row.sessionEpoch(), row.userAgent(),
					SqlTime.utc(row.createdAt()), SqlTime.utc(row.expiresAt()))
			.update();
	}

	/**
	 * Replaces the secret, only if it is still the one just checked: of two sign-ins racing with the
	 * same cookie (on any nodes) one wins, and the other's copy is dead. @return whether this one won
	 */
	boolean rotate(String publicId, String checkedHash, String newHash, Instant usedAt) {
		return this.jdbc.sql("update trusted_device set secret_hash = ?, previous_hash = ?, last_used_at = ? "
				+ "where public_id = ? and secret_hash = ?")
			.params(newHash, checkedHash, SqlTime.utc(usedAt), publicId, checkedHash)
			.update() == 1;
	}

	int delete(String publicId) {
		return this.jdbc.sql("delete from trusted_device where public_id = ?").param(publicId).update();
	}

	int deleteOfAccount(long accountId, String publicId) {
		return this.jdbc.sql("delete from trusted_device where account_id = ? and public_id = ?")
			.params(accountId, publicId)
			.update();
	}

	int deleteAllOfAccount(long accountId) {
		return this.jdbc.sql("delete from trusted_device where account_id = ?").param(accountId).update();
	}

	/**
	 * Devices trusted under an earlier epoch of the account: every sign-in change since ended them.
	 * Only earlier: a caller with a stale epoch must not delete a device trusted after the change.
	 */
	int deleteBeforeEpoch(long accountId, int epoch) {
		return this.jdbc.sql("delete from trusted_device where account_id = ? and session_epoch < ?")
			.params(accountId, epoch)
			.update();
	}

	List<Row> unexpired(Instant now) {
		return this.jdbc.sql("select " + COLUMNS + " from trusted_device where expires_at > ?")
			.param(SqlTime.utc(now))
			.query(TrustedDeviceRepository::row)
			.list();
	}

	void setExpiry(String publicId, Instant expiresAt) {
		this.jdbc.sql("update trusted_device set expires_at = ? where public_id = ?")
			.params(SqlTime.utc(expiresAt), publicId)
			.update();
	}

	int deleteEveryone() {
		return this.jdbc.sql("delete from trusted_device").update();
	}

	int deleteExpired(Instant now) {
		return this.jdbc.sql("delete from trusted_device where expires_at <= ?").param(SqlTime.utc(now)).update();
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getString("public_id"), rs.getLong("account_id"), rs.getString("secret_hash"),
				rs.getString("previous_hash"), rs.getInt("session_epoch"), rs.getString("user_agent"), SqlTime.instant(rs, "created_at"),
				SqlTime.instant(rs, "last_used_at"), SqlTime.instant(rs, "expires_at"));
	}

}
