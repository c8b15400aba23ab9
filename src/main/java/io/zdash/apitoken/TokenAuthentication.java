package io.zdash.apitoken;

import java.io.Serial;
import java.time.Instant;
import java.util.Collection;

import io.zdash.account.AccountUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API request's authentication by a personal access token: the account as principal (so the
 * API's controllers read it as the pages do), the token's scopes and Spring's bearer factor as
 * authorities. Lives for one request only: it is never saved in a session.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final AccountUser user;

	private final long tokenId;

	private final Instant lastUsedAt;

	TokenAuthentication(AccountUser user, long tokenId, Instant lastUsedAt,
			Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.user = user;
		this.tokenId = tokenId;
		this.lastUsedAt = lastUsedAt;
		setAuthenticated(true);
	}

	/** The token's id (its row in the list), for the rate limit and the security log; never the token. */
	public long tokenId() {
		return this.tokenId;
	}

	/** When its use was last written down (at most once a minute), as read by the bearer check. */
	Instant lastUsedAt() {
		return this.lastUsedAt;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public AccountUser getPrincipal() {
		return this.user;
	}

}
