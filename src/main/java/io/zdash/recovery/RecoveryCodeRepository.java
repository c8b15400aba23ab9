package io.zdash.recovery;

import java.time.Instant;
import java.util.List;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RecoveryCodeRepository {

	record StoredCode(long id, byte[] salt, String hash) {
	}

	private final JdbcClient jdbc;

	RecoveryCodeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(long accountId, byte[] salt, String hash, boolean active, Instant now) {
		this.jdbc.sql("insert into recovery_code (account_id, salt, hash, active, created_at) values (?, ?, ?, ?, ?)")
			.params(accountId, java.util.Base64.getEncoder().encodeToString(salt), hash, active, SqlTime.utc(now))
			.update();
	}

	List<StoredCode> findUnused(long accountId) {
		return this.jdbc.sql("select id, salt, hash from recovery_code where account_id = ? and active and used_at is null")
			.param(accountId)
			.query((rs, n) -> new StoredCode(rs.getLong("id"), java.util.Base64.getDecoder().decode(rs.getString("salt")),
					rs.getString("hash")))
			.list();
	}

	int countUnused(long accountId) {
		return this.jdbc.sql("select count(*) from recovery_code where account_id = ? and active and used_at is null")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	/** Single use: of two concurrent consumers of one code, exactly one updates the row. */
	boolean markUsed(long id, Instant now) {
		return this.jdbc.sql("update recovery_code set used_at = ? where id = ? and used_at is null")
			.params(SqlTime.utc(now), id)
			.update() == 1;
	}

	void deletePending(long accountId) {
		this.jdbc.sql("delete from recovery_code where account_id = ? and not active").param(accountId).update();
	}

	void activatePending(long accountId) {
		this.jdbc.sql("delete from recovery_code where account_id = ? and active").param(accountId).update();
		this.jdbc.sql("update recovery_code set active = true where account_id = ? and not active")
			.param(accountId)
			.update();
	}

	void deleteAll(long accountId) {
		this.jdbc.sql("delete from recovery_code where account_id = ?").param(accountId).update();
	}

}
