package io.zdash.account;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

	private static final RowMapper<Account> ROW = (rs, n) -> new Account(rs.getLong("id"), rs.getString("email"),
			rs.getString("password_hash"), SqlTime.instant(rs, "created_at"), rs.getInt("session_epoch"),
			rs.getString("role"), SqlTime.instant(rs, "disabled_at"), SqlTime.instant(rs, "last_sign_in_at"),
			SqlTime.instant(rs, "email_verified_at"));

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the email is taken */
	long insert(String email, String passwordHash, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into account (email, email_skeleton, password_hash, created_at) values (?, ?, ?, ?)")
			.params(email, EmailAddress.skeleton(email), passwordHash, SqlTime.utc(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** The first account of an installation administers it: the lowest id, whatever the races. */
	void makeAdminIfFirst(long id) {
		this.jdbc.sql("update account set role = 'ADMIN' where id = ? and id = (select min(id) from account)").param(id).update();
	}

	void setDisabled(long id, Instant disabledAt) {
		this.jdbc.sql("update account set disabled_at = ? where id = ?").params(SqlTime.utc(disabledAt), id).update();
	}

	void recordSignIn(long id, Instant at) {
		this.jdbc.sql("update account set last_sign_in_at = ? where id = ?").params(SqlTime.utc(at), id).update();
	}

	Optional<Account> findByEmail(String email) {
		return this.jdbc.sql("select * from account where email = ?").param(email).query(ROW).optional();
	}

	Optional<Account> findById(long id) {
		return this.jdbc.sql("select * from account where id = ?").param(id).query(ROW).optional();
	}

	List<Account> page(int offset, int size) {
		return this.jdbc.sql("select * from account order by id offset ? rows fetch next ? rows only")
			.params(offset, size)
			.query(ROW)
			.list();
	}

	Map<Long, String> emailsOf(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> emails = new HashMap<>();
		this.jdbc.sql("select id, email from account where id in (:ids)")
			.param("ids", ids)
			.query((rs, n) -> Map.entry(rs.getLong("id"), rs.getString("email")))
			.list()
			.forEach(row -> emails.put(row.getKey(), row.getValue()));
		return emails;
	}

	/** Whether an account has this address, or one that looks the same (see {@link EmailAddress#skeleton}). */
	boolean emailExists(String email) {
		return this.jdbc.sql("select count(*) from account where email = ? or email_skeleton = ?")
			.params(email, EmailAddress.skeleton(email))
			.query(Long.class)
			.single() > 0;
	}

	/** @return the new epoch */
	int bumpSessionEpoch(long id) {
		this.jdbc.sql("update account set session_epoch = session_epoch + 1 where id = ?").param(id).update();
		return sessionEpoch(id);
	}

	int sessionEpoch(long id) {
		return this.jdbc.sql("select session_epoch from account where id = ?").param(id).query(Integer.class).optional()
			.orElse(-1);
	}

	/** @throws org.springframework.dao.DuplicateKeyException when another account has the email */
	void updateEmail(long id, String email) {
		this.jdbc.sql("update account set email = ?, email_skeleton = ? where id = ?")
			.params(email, EmailAddress.skeleton(email), id)
			.update();
	}

	void updatePasswordHash(long id, String passwordHash) {
		this.jdbc.sql("update account set password_hash = ? where id = ?").params(passwordHash, id).update();
	}

	void markEmailVerified(long id, Instant at) {
		this.jdbc.sql("update account set email_verified_at = ? where id = ? and email_verified_at is null")
			.params(SqlTime.utc(at), id)
			.update();
	}

	long count() {
		return this.jdbc.sql("select count(*) from account").query(Long.class).single();
	}

	void setLanguage(long id, String tag) {
		this.jdbc.sql("update account set language = ? where id = ?").params(tag, id).update();
	}

	Optional<String> language(long id) {
		return this.jdbc.sql("select language from account where id = ?").param(id).query(String.class).optional()
			.filter(tag -> tag != null);
	}

}
