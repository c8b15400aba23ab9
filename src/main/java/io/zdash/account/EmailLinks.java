package io.zdash.account;

import java.time.Instant;
import java.util.Optional;

import io.zdash.support.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The links mailed to an account's own address (verification, password reset), each keyed by its token's hash. */
@Repository
class EmailLinks {

	enum Purpose {

		VERIFY, RESET

	}

	/** A link not yet used nor expired: the account, and the address it was sent to. */
	record Live(long accountId, String email) {

		@Override
		public String toString() {
			return "Live[accountId=" + this.accountId + "]";
		}

	}

	private final JdbcClient jdbc;

	EmailLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String tokenHash, long accountId, Purpose purpose, String email, Instant now, Instant expiresAt) {
		this.jdbc.sql("insert into email_link (token_hash, account_id, purpose, email, created_at, expires_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(tokenHash, accountId, purpose.name(), email, SqlTime.utc(now), SqlTime.utc(expiresAt))
			.update();
	}

	Optional<Live> findLive(String tokenHash, Purpose purpose, Instant now) {
		return this.jdbc.sql("select account_id, email from email_link "
				+ "where token_hash = ? and purpose = ? and used_at is null and expires_at > ?")
			.params(tokenHash, purpose.name(), SqlTime.utc(now))
			.query((rs, n) -> new Live(rs.getLong("account_id"), rs.getString("email")))
			.optional();
	}

	/** Uses the link up, if nobody did first (two clicks, two nodes). @return whether this call did */
	boolean consume(String tokenHash, Instant now) {
		return this.jdbc.sql("update email_link set used_at = ? where token_hash = ? and used_at is null and expires_at > ?")
			.params(SqlTime.utc(now), tokenHash, SqlTime.utc(now))
			.update() == 1;
	}

	/** When the account was last sent a link of this kind, if ever: resending is paced by it. */
	Optional<Instant> lastSent(long accountId, Purpose purpose) {
		return this.jdbc.sql("select max(created_at) as sent from email_link where account_id = ? and purpose = ?")
			.params(accountId, purpose.name())
			.query((rs, n) -> Optional.ofNullable(SqlTime.instant(rs, "sent")))
			.single();
	}

	/** Ends the account's other links of this kind: only the newest one works. */
	void endAll(long accountId, Purpose purpose, Instant now) {
		this.jdbc.sql("update email_link set used_at = ? where account_id = ? and purpose = ? and used_at is null")
			.params(SqlTime.utc(now), accountId, purpose.name())
			.update();
	}

	/** Daily: links expired a day ago or more. */
	int pruneBefore(Instant before) {
		return this.jdbc.sql("delete from email_link where expires_at < ?").param(SqlTime.utc(before)).update();
	}

}
