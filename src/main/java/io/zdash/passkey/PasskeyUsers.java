package io.zdash.passkey;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.stereotype.Repository;

/**
 * Each account's WebAuthn user handle: random, given at its first key, kept while the account
 * lives (its keys keep it too). Owns {@code passkey_user}.
 */
@Repository
class PasskeyUsers {

	private final JdbcClient jdbc;

	PasskeyUsers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Bytes> handleOf(long accountId) {
		return this.jdbc.sql("select user_handle from passkey_user where account_id = ?")
			.param(accountId)
			.query(String.class)
			.optional()
			.map(Bytes::fromBase64);
	}

	Optional<Long> accountOf(Bytes handle) {
		return this.jdbc.sql("select account_id from passkey_user where user_handle = ?")
			.param(handle.toBase64UrlString())
			.query(Long.class)
			.optional();
	}

	/** Gives the account {@code handle}, unless it has one already (two first keys at once keep one). */
	void save(long accountId, Bytes handle) {
		try {
			this.jdbc.sql("insert into passkey_user (account_id, user_handle) values (?, ?)")
				.params(accountId, handle.toBase64UrlString())
				.update();
		}
		catch (DuplicateKeyException alreadyGiven) {
			// The other request's handle stands; the key being added is stored under it.
		}
	}

}
