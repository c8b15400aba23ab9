package io.zdash.passkey;

import java.time.Instant;
import java.util.Optional;

import io.zdash.support.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The challenges given to browsers and not yet answered, one per session and purpose. Owns
 * {@code passkey_ceremony}.
 */
@Repository
class PasskeyCeremonies {

	/** What a ceremony was begun for; each has its own row, so one cannot answer another. */
	enum Purpose {

		/** Adding a key on the Security page. */
		REGISTER,
		/** The second step of a sign-in, after the password. */
		SECOND_STEP,
		/** The re-check before a sensitive action. */
		STEP_UP,
		/** A passwordless sign-in on the sign-in page. */
		SIGN_IN

	}

	/** {@code accountId}: whose keys may answer (null: any account's passkey, at a passwordless sign-in). */
	record Ceremony(String challenge, Long accountId, String userVerification, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	PasskeyCeremonies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The session's new ceremony for {@code purpose}: one it began before is replaced. An update, else
	 * an insert, else (another request of the session inserted first: a double click, autofill and a
	 * click) the update again; no transaction, so a refused insert spoils nothing on PostgreSQL.
	 */
	void begin(String sessionHash, Purpose purpose, Ceremony ceremony) {
		if (replace(sessionHash, purpose, ceremony)) {
			return;
		}
		try {
			this.jdbc.sql("""
					insert into passkey_ceremony (session_hash, purpose, challenge, account_id, user_verification, expires_at)
					values (?, ?, ?, ?, ?, ?)""")
				.params(sessionHash, purpose.name(), ceremony.challenge(), ceremony.accountId(), ceremony.userVerification(),
						SqlTime.utc(ceremony.expiresAt()))
				.update();
		}
		catch (DuplicateKeyException raced) {
			replace(sessionHash, purpose, ceremony);
		}
	}

	private boolean replace(String sessionHash, Purpose purpose, Ceremony ceremony) {
		return this.jdbc.sql("""
				update passkey_ceremony set challenge = ?, account_id = ?, user_verification = ?, expires_at = ?
				where session_hash = ? and purpose = ?""")
			.params(ceremony.challenge(), ceremony.accountId(), ceremony.userVerification(),
					SqlTime.utc(ceremony.expiresAt()), sessionHash, purpose.name())
			.update() == 1;
	}

	/**
	 * Takes the session's ceremony for {@code purpose}, if it has one still open. Taken means deleted,
	 * by a conditional DELETE: of two answers to one challenge (a replay, or two nodes), one gets it.
	 */
	Optional<Ceremony> take(String sessionHash, Purpose purpose, Instant now) {
		Optional<Ceremony> found = this.jdbc.sql("select * from passkey_ceremony where session_hash = ? and purpose = ?")
			.params(sessionHash, purpose.name())
			.query((rs, n) -> new Ceremony(rs.getString("challenge"), (Long) rs.getObject("account_id", Long.class),
					rs.getString("user_verification"), SqlTime.instant(rs, "expires_at")))
			.optional();
		return found.filter(c -> this.jdbc
			.sql("delete from passkey_ceremony where session_hash = ? and purpose = ? and challenge = ?")
			.params(sessionHash, purpose.name(), c.challenge())
			.update() == 1)
			.filter(c -> c.expiresAt().isAfter(now));
	}

	int deleteExpired(Instant now) {
		return this.jdbc.sql("delete from passkey_ceremony where expires_at <= ?").param(SqlTime.utc(now)).update();
	}

}
