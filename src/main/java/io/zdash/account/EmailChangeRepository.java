package io.zdash.account;

import java.time.Instant;
import java.util.Optional;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pending email changes, each keyed by the hash of its link's token. */
@Repository
class EmailChangeRepository {

	/** A change waiting for its link to be opened. */
	record Pending(long accountId, String newEmail) {

		@Override
		public String toString() {
			return "Pending[accountId=" + this.accountId + "]";
		}

	}

	private final JdbcClient jdbc;

	EmailChangeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Forgets the account's earlier request, and in passing every expired one of any account. */
	void removePendingOf(long accountId, Instant now) {
		this.jdbc.sql("delete from email_change where account_id = ? or expires_at <= ?")
			.params(accountId, SqlTime.utc(now))
			.update();
	}

	void insert(String tokenHash, long accountId, String newEmail, Instant expiresAt) {
		this.jdbc.sql("insert into email_change (token_hash, account_id, new_email, expires_at) values (?, ?, ?, ?)")
			.params(tokenHash, accountId, newEmail, SqlTime.utc(expiresAt))
			.update();
	}

	Optional<Pending> findLive(String tokenHash, Instant now) {
		return this.jdbc.sql("select account_id, new_email from email_change where token_hash = ? and expires_at > ?")
			.params(tokenHash, SqlTime.utc(now))
			.query((rs, n) -> new Pending(rs.getLong("account_id"), rs.getString("new_email")))
			.optional();
	}

	/**
	 * Uses the token up. One conditional delete, so of two requests racing with the same link only
	 * one sees a row go.
	 */
	boolean consume(String tokenHash) {
		return this.jdbc.sql("delete from email_change where token_hash = ?").param(tokenHash).update() == 1;
	}

}
