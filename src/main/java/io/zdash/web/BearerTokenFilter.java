package io.zdash.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.apitoken.BearerTokens;
import io.zdash.apitoken.TokenAuthentication;
import io.zdash.support.Origin;
import io.zdash.support.RateLimiter;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API chain's bearer check (RFC 6750 header only: a token in a URL would end up in logs). A
 * request with {@code Authorization: Bearer …} is the token's alone, whatever session cookie it
 * also carries; a bad token is answered 401 at once, a token over its rate 429. The authentication
 * lives for this request only: nothing is written to a session.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	/** The requests this filter takes: those that carry a bearer token (CSRF does not apply to them). */
	static final RequestMatcher WITH_TOKEN = request -> token(request).isPresent();

	/**
	 * Tokens that are not ones, per client address: 300 at once, then 5 a second. Guessing 256 bits
	 * is hopeless anyway; this keeps a flood of made-up tokens from costing a query each.
	 */
	static final int WRONG_TOKENS_AT_ONCE = 300;

	static final Duration WRONG_TOKEN_EVERY = Duration.ofMillis(200);

	private final BearerTokens tokens;

	private final ProblemResponses problems;

	private final RateLimiter<String> wrongTokens;

	BearerTokenFilter(BearerTokens tokens, ProblemResponses problems, Clock clock) {
		this.tokens = tokens;
		this.problems = problems;
		this.wrongTokens = new RateLimiter<>(WRONG_TOKENS_AT_ONCE, WRONG_TOKEN_EVERY, clock);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> token = token(request);
		if (token.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		Optional<TokenAuthentication> authentication = this.tokens.authenticate(token.get());
		if (authentication.isEmpty()) {
			Duration wait = this.wrongTokens.take(request.getRemoteAddr());
			if (!wait.isZero()) {
				this.problems.tooManyRequests(response, wait);
				return;
			}
			this.problems.invalidToken(response);
			return;
		}
		Duration wait = this.tokens.rateWait(authentication.get());
		if (!wait.isZero()) {
			this.problems.tooManyRequests(response, wait);
			return;
		}
		String method = request.getMethod();
		boolean changes = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
		this.tokens.noteUse(authentication.get(), Origin.of(request), changes, method + " " + request.getRequestURI());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication.get());
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static Optional<String> token(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.empty();
		}
		return Optional.of(header.substring(7).strip());
	}

}
