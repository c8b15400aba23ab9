package io.zdash.lostdevice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code lost_device_recovery} table: an account's one running recovery, if any. */
@Repository
class LostDeviceRepository {

	/** A recovery: asked for, maybe confirmed (then waiting until {@code endsAt}). */
	record Recovery(long accountId, String tokenHash, String email, Instant requestedAt, Instant confirmBy, Instant confirmedAt,
			Instant endsAt, Instant remindedAt) {

		boolean confirmed() {
			return this.confirmedAt != null;
		}

		@Override
		public String toString() {
			return "Recovery[accountId=" + this.accountId + "]";
		}

	}

	private static final String COLUMNS = "account_id, token_hash, email, requested_at, confirm_by, confirmed_at, ends_at, reminded_at";

	private final JdbcClient jdbc;

	LostDeviceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Recovery> ofAccount(long accountId) {
		return this.jdbc.sql("select " + COLUMNS + " from lost_device_recovery where account_id = ?")
			.param(accountId)
			.query(LostDeviceRepository::row)
			.optional();
	}

	Optional<Recovery> byToken(String tokenHash) {
		return this.jdbc.sql("select " + COLUMNS + " from lost_device_recovery where token_hash = ?")
			.param(tokenHash)
			.query(LostDeviceRepository::row)
			.optional();
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the account has one already (a race) */
	/** @return false when the account has one already (one node may still race another: then a DuplicateKeyException) */
	boolean insert(long accountId, String tokenHash, String email, Instant now, Instant confirmBy) {
		return this.jdbc.sql("insert into lost_device_recovery (account_id, token_hash, email, requested_at, confirm_by) "
				+ "select ?, ?, ?, ?, ? where not exists (select 1 from lost_device_recovery where account_id = ?)")
			.params(accountId, tokenHash, email, SqlTime.utc(now), SqlTime.utc(confirmBy), accountId)
			.update() == 1;
	}

	/** Removes the account's recovery if nobody can use it any more (unconfirmed past its day, or long over). */
	void deleteIfStale(long accountId, Instant now, Instant waitEndedBefore) {
		this.jdbc.sql("delete from lost_device_recovery where account_id = ? and ((confirmed_at is null and confirm_by <= ?) "
				+ "or (ends_at is not null and ends_at <= ?))")
			.params(accountId, SqlTime.utc(now), SqlTime.utc(waitEndedBefore))
			.update();
	}

	/** Starts the wait of the recovery this link belongs to, once: @return whether this call confirmed it */
	boolean confirm(String tokenHash, Instant now, Instant endsAt) {
		return this.jdbc.sql("update lost_device_recovery set confirmed_at = ?, ends_at = ? "
				+ "where token_hash = ? and confirmed_at is null and confirm_by > ?")
			.params(SqlTime.utc(now), SqlTime.utc(endsAt), tokenHash, SqlTime.utc(now))
			.update() == 1;
	}

	/** An administrator's early approval: the wait ends now (confirmed now if it was not). */
	boolean endWaitNow(long accountId, Instant now) {
		return this.jdbc.sql("update lost_device_recovery set confirmed_at = coalesce(confirmed_at, ?), ends_at = ? "
				+ "where account_id = ?")
			.params(SqlTime.utc(now), SqlTime.utc(now), accountId)
			.update() == 1;
	}

	boolean delete(long accountId) {
		return this.jdbc.sql("delete from lost_device_recovery where account_id = ?").param(accountId).update() == 1;
	}

	/** Deletes it only if it is still the one with this token: a cancel racing a completion wins or loses whole. */
	boolean delete(long accountId, String tokenHash) {
		return this.jdbc.sql("delete from lost_device_recovery where account_id = ? and token_hash = ?")
			.params(accountId, tokenHash)
			.update() == 1;
	}

	/** Confirmed recoveries whose wait ends within {@code before} of now, not reminded yet. */
	List<Recovery> dueForReminder(Instant now, Instant endsBefore) {
		return this.jdbc.sql("select " + COLUMNS + " from lost_device_recovery "
				+ "where confirmed_at is not null and reminded_at is null and ends_at > ? and ends_at <= ?")
			.params(SqlTime.utc(now), SqlTime.utc(endsBefore))
			.query(LostDeviceRepository::row)
			.list();
	}

	boolean markReminded(long accountId, Instant now) {
		return this.jdbc.sql("update lost_device_recovery set reminded_at = ? where account_id = ? and reminded_at is null")
			.params(SqlTime.utc(now), accountId)
			.update() == 1;
	}

	/** Unconfirmed past their day, or confirmed and not completed a week after the wait: gone. */
	int deleteStale(Instant now, Instant waitEndedBefore) {
		return this.jdbc.sql("delete from lost_device_recovery where (confirmed_at is null and confirm_by <= ?) "
				+ "or (ends_at is not null and ends_at <= ?)")
			.params(SqlTime.utc(now), SqlTime.utc(waitEndedBefore))
			.update();
	}

	private static Recovery row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Recovery(rs.getLong("account_id"), rs.getString("token_hash"), rs.getString("email"),
				SqlTime.instant(rs, "requested_at"),
				SqlTime.instant(rs, "confirm_by"), SqlTime.instant(rs, "confirmed_at"), SqlTime.instant(rs, "ends_at"),
				SqlTime.instant(rs, "reminded_at"));
	}

}
