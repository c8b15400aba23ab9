package io.zdash.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.support.RateLimiter;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per client address on the POSTs that check something guessable (the password
 * step, and the handlers marked {@code limitedPerAddress}), on top of the per-account
 * throttles. The address is the connection's: X-Forwarded-For counts only when a trusted proxy is
 * configured (Spring Boot's {@code server.forward-headers-strategy}), so a client cannot spoof it.
 * In memory and per node: it limits floods, while the per-account counters in the database are
 * what bound guessing.
 */
final class ClientAddressLimiter extends OncePerRequestFilter {

	private final RateLimiter<String> buckets;

	private final RequestMatcher limited;

	ClientAddressLimiter(RequestMatcher limited, int capacity, Duration refillEvery, Clock clock) {
		this.limited = limited;
		this.buckets = new RateLimiter<>(capacity, refillEvery, clock);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// Path patterns match the decoded path, as Spring MVC does: "/log%69n" is "/login".
		return !this.limited.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Duration wait = this.buckets.take(request.getRemoteAddr());
		if (!wait.isZero()) {
			ErrorPages.tooManyAttempts(request, response, wait);
			return;
		}
		chain.doFilter(request, response);
	}

}
