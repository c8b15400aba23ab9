package io.zdash.apitoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.zdash.account.ApiPrincipals;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.signin.Factors;
import io.zdash.support.Origin;
import io.zdash.support.RandomText;
import io.zdash.support.RateLimiter;
import io.zdash.support.Sha256;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Service;

/**
 * The bearer check of an API request: the token's shape, then one read by the hash's unique index,
 * then the account by its key; no slow hash, as the token is random. Any failure is the same
 * empty answer, so a caller learns nothing of why (unknown, expired, revoked, malformed). A use is
 * written down at most once a minute per token (its "last used" and a {@code API_TOKEN_USED}
 * event), and every request that changes something is in the security log.
 */
@Service
public class BearerTokens {

	/** Longer text cannot be a token: refused before any work. */
	private static final int MAX_LENGTH = 100;

	private static final Duration NOTE_EVERY = Duration.ofMinutes(1);

	private final AccessTokenRepository tokens;

	private final ApiPrincipals principals;

	private final SecurityLog securityLog;

	private final RateLimiter<Long> rates;

	private final Clock clock;

	BearerTokens(AccessTokenRepository tokens, ApiPrincipals principals, SecurityLog securityLog, ApiProperties properties,
			Clock clock) {
		this.tokens = tokens;
		this.principals = principals;
		this.securityLog = securityLog;
		this.rates = new RateLimiter<>(properties.rateLimit().capacity(), properties.rateLimit().refillEvery(), clock);
		this.clock = clock;
	}

	/** The token's authentication, or empty when it is not a live token (the reason is not told). */
	public Optional<TokenAuthentication> authenticate(String token) {
		if (token == null || token.length() > MAX_LENGTH || !token.startsWith(AccessTokens.PREFIX)
				|| !RandomText.isToken(token.substring(AccessTokens.PREFIX.length()))) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Optional<AccessTokenRepository.Holder> holder = this.tokens.findByHash(Sha256.hex(token))
			.filter(row -> now.isBefore(row.expiresAt()));
		if (holder.isEmpty()) {
			return Optional.empty();
		}
		AccessTokenRepository.Holder row = holder.get();
		return this.principals.of(row.accountId()).map(user -> {
			List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
			authorities.add(FactorGrantedAuthority.withAuthority(Factors.BEARER).issuedAt(now).build());
			row.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
			TokenAuthentication authentication = new TokenAuthentication(user, row.id(), row.lastUsedAt(), authorities);
			// What the API's own records name the caller by: the token's id, never the token.
			authentication.setDetails("token=" + row.id());
			return authentication;
		});
	}

	/** @return zero when the token may make this request, else how long until it may (per node) */
	public Duration rateWait(TokenAuthentication authentication) {
		return this.rates.take(authentication.tokenId());
	}

	/**
	 * Writes the use down, after the rate let the request in (a flood of refused requests writes
	 * nothing): its "last used" at most once a minute, and an event then or for any change.
	 * @param changes whether the request changes something (then it is always logged)
	 * @param what the request's method and path, for the log
	 */
	public void noteUse(TokenAuthentication authentication, Origin origin, boolean changes, String what) {
		Instant now = this.clock.instant();
		Instant notedSince = now.minus(NOTE_EVERY);
		Instant last = authentication.lastUsedAt();
		boolean noted = (last == null || last.isBefore(notedSince))
				&& this.tokens.noteUse(authentication.tokenId(), now, cut(origin.address(), 64), notedSince);
		if (noted || changes) {
			this.securityLog.record(new SecurityEvent(authentication.getPrincipal().accountId(),
					SecurityEvent.Type.API_TOKEN_USED, "token=" + authentication.tokenId() + " " + cut(what, 120), origin));
		}
	}

	private static String cut(String text, int length) {
		return (text == null || text.length() <= length) ? text : text.substring(0, length);
	}

}
