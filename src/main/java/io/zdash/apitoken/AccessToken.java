package io.zdash.apitoken;

import java.time.Instant;
import java.util.Set;

/**
 * A personal access token as its owner sees it in the list: never the token itself, only its last
 * four characters.
 */
public record AccessToken(long id, String name, String lastFour, Set<Scope> scopes, Instant createdAt,
		Instant expiresAt, Instant lastUsedAt, String lastUsedAddress) {

	public boolean expiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

}
