package io.zdash.apitoken;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.zdash.account.CredentialRevocation;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Origin;
import io.zdash.support.RandomText;
import io.zdash.support.Sha256;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's personal access tokens: made, listed, revoked. A token is {@code zdp_} and 256
 * random bits (43 URL-safe characters): the prefix lets secret scanners spot a leaked one, the
 * randomness makes a plain SHA-256 enough to store (a slow hash protects guessable passwords; no
 * one guesses 256 bits). Each change is in the security log, in the change's transaction.
 */
@Service
public class AccessTokens implements CredentialRevocation {

	static final String PREFIX = "zdp_";

	/** Enough for every script of a busy operator; a cap keeps a stolen session from making thousands. */
	static final int MAX_PER_ACCOUNT = 50;

	/** A new token: the list's view of it and, this once, the token itself. */
	record Created(AccessToken token, String secret) {

		@Override
		public String toString() {
			return "Created[id=" + this.token.id() + "]";
		}

	}

	private final AccessTokenRepository tokens;

	private final SecurityLog securityLog;

	private final Clock clock;

	AccessTokens(AccessTokenRepository tokens, SecurityLog securityLog, Clock clock) {
		this.tokens = tokens;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	List<AccessToken> of(long accountId) {
		return this.tokens.list(accountId);
	}

	boolean mayCreateMore(long accountId) {
		return this.tokens.countLive(accountId, this.clock.instant()) < MAX_PER_ACCOUNT;
	}

	/** Checked by the caller: a valid name, known scopes the account may have, an expiry within a year. */
	@Transactional
	Created create(long accountId, String name, Set<Scope> scopes, Instant expiresAt, Origin origin) {
		String secret = PREFIX + RandomText.token();
		Instant now = this.clock.instant();
		String lastFour = secret.substring(secret.length() - 4);
		long id = this.tokens.insert(accountId, name, Sha256.hex(secret), lastFour, scopes, now, expiresAt);
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.API_TOKEN_CREATED,
				"token=" + id + " scopes=" + String.join(",", scopes.stream().sorted().map(Scope::value).toList()), origin));
		return new Created(new AccessToken(id, name, lastFour, scopes, now, expiresAt, null, null), secret);
	}

	@Transactional
	boolean revoke(long accountId, long id, Origin origin) {
		if (!this.tokens.delete(accountId, id)) {
			return false;
		}
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.API_TOKEN_REVOKED, "token=" + id, origin));
		return true;
	}

	/**
	 * Revokes every token of the account, recorded with why ({@code owner}, {@code password},
	 * {@code two-factor-reset}, {@code disabled}) when there was any. Joins the caller's transaction.
	 */
	@Override
	@Transactional
	public void revokeAll(long accountId, String reason, Origin origin) {
		int revoked = this.tokens.deleteAll(accountId);
		if (revoked > 0) {
			this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.API_TOKENS_REVOKED,
					"count=" + revoked + " reason=" + reason, origin));
		}
	}

}
