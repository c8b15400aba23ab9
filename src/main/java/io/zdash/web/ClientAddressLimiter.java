package io.zdash.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

	/** Bounds memory under a flood from many addresses: beyond it, start afresh. */
	private static final int MAX_ADDRESSES = 100_000;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int capacity;

	private final Duration refillEvery;

	private final Clock clock;

	private final RequestMatcher limited;

	ClientAddressLimiter(RequestMatcher limited, int capacity, Duration refillEvery, Clock clock) {
		this.limited = limited;
		this.capacity = capacity;
		this.refillEvery = refillEvery;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// Path patterns match the decoded path, as Spring MVC does: "/log%69n" is "/login".
		return !this.limited.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.buckets.size() > MAX_ADDRESSES) {
			this.buckets.clear();
		}
		long now = this.clock.millis();
		Bucket bucket = this.buckets.computeIfAbsent(request.getRemoteAddr(), a -> new Bucket(this.capacity, now));
		long waitMillis = bucket.take(now, this.capacity, this.refillEvery.toMillis());
		if (waitMillis > 0) {
			ErrorPages.tooManyAttempts(request, response, Duration.ofMillis(waitMillis));
			return;
		}
		chain.doFilter(request, response);
	}

	private static final class Bucket {

		private double tokens;

		private long updatedAt;

		Bucket(int tokens, long now) {
			this.tokens = tokens;
			this.updatedAt = now;
		}

		/** @return 0 when a token was taken, else milliseconds until the next one */
		synchronized long take(long now, int capacity, long refillMillis) {
			this.tokens = Math.min(capacity, this.tokens + (double) (now - this.updatedAt) / refillMillis);
			this.updatedAt = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - this.tokens) * refillMillis);
		}

	}

}
