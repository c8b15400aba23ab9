package io.zdash.instance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.secrets.SecretCipher;
import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every statement of the dashboard names the owning account, so one account can never reach
 * another's instance. Tokens are stored sealed ({@link InstanceTokens}); the clear column holds
 * only what an earlier version wrote, until start-up seals it.
 */
@Repository
class InstanceRepository {

	/** A row as stored: the token sealed, or (written by an earlier version) still in clear. */
	record Row(String id, String name, String sealedToken, Long keyId, String clearToken, Instant createdAt) {

		@Override
		public String toString() {
			return "Row[id=" + this.id + "]";
		}

	}

	private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getString("id"), rs.getString("name"),
			rs.getString("token_sealed"), (Long) rs.getObject("token_key_id", Long.class), rs.getString("token"),
			SqlTime.instant(rs, "created_at"));

	private final JdbcClient jdbc;

	InstanceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Row> findAll(long accountId) {
		return this.jdbc.sql("select * from instance where account_id = ? order by created_at, id")
			.param(accountId)
			.query(ROW)
			.list();
	}

	/** {@code size} rows from {@code offset}, in the list's order. */
	List<Row> page(long accountId, int offset, int size) {
		return this.jdbc.sql("select * from instance where account_id = ? order by created_at, id offset ? rows fetch next ? rows only")
			.params(accountId, offset, size)
			.query(ROW)
			.list();
	}

	Optional<Row> find(long accountId, String id) {
		return this.jdbc.sql("select * from instance where account_id = ? and id = ?").params(accountId, id).query(ROW).optional();
	}

	int count(long accountId) {
		return this.jdbc.sql("select count(*) from instance where account_id = ?").param(accountId).query(Integer.class).single();
	}

	void insert(long accountId, String id, String name, SecretCipher.Sealed token, Instant createdAt) {
		this.jdbc.sql("""
				insert into instance (id, account_id, name, token_sealed, token_key_id, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(id, accountId, name, token.ciphertext(), token.keyId(), SqlTime.utc(createdAt))
			.update();
	}

	boolean rename(long accountId, String id, String name) {
		return this.jdbc.sql("update instance set name = ? where account_id = ? and id = ?")
			.params(name, accountId, id)
			.update() == 1;
	}

	boolean replaceToken(long accountId, String id, SecretCipher.Sealed token) {
		return this.jdbc.sql("update instance set token_sealed = ?, token_key_id = ?, token = null where account_id = ? and id = ?")
			.params(token.ciphertext(), token.keyId(), accountId, id)
			.update() == 1;
	}

	boolean delete(long accountId, String id) {
		return this.jdbc.sql("delete from instance where account_id = ? and id = ?").params(accountId, id).update() == 1;
	}

	// For the key check, sealing at start-up and key rotation (InstanceTokenValues), across accounts.

	/** Sealed tokens only: clear ones (an earlier version's) need no key to be kept. */
	long countSealed() {
		return this.jdbc.sql("select count(*) from instance where token_sealed is not null").query(Long.class).single();
	}

	Optional<Row> anySealed() {
		return this.jdbc.sql("select * from instance where token_sealed is not null order by id fetch first 1 rows only")
			.query(ROW)
			.optional();
	}

	List<Row> inClear(int limit) {
		return this.jdbc.sql("select * from instance where token is not null order by id fetch first " + limit + " rows only")
			.query(ROW)
			.list();
	}

	List<Row> sealedWithOtherKey(long keyId, int limit) {
		return this.jdbc
			.sql("select * from instance where token_key_id <> ? order by id fetch first " + limit + " rows only")
			.param(keyId)
			.query(ROW)
			.list();
	}

	/** Replaces a row's token (clear or sealed) only if it is unchanged since it was read. */
	boolean reseal(Row old, SecretCipher.Sealed fresh) {
		String unchanged = (old.clearToken() != null) ? "token = ?" : "token_sealed = ?";
		return this.jdbc
			.sql("update instance set token_sealed = ?, token_key_id = ?, token = null where id = ? and " + unchanged)
			.params(fresh.ciphertext(), fresh.keyId(), old.id(), (old.clearToken() != null) ? old.clearToken() : old.sealedToken())
			.update() == 1;
	}

}
