package io.zdash.support;

import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The growing delay after repeated failures (NIST 800-63B prefers it to a hard lock-out): none for
 * the first four, then 30 s, 1, 2, 4 … minutes, at most 60 minutes.
 */
public final class Backoff {

	public static final int FREE_FAILURES = 4;

	static final Duration FIRST = Duration.ofSeconds(30);

	static final Duration MAX = Duration.ofMinutes(60);

	private Backoff() {
	}

	/** @return the wait imposed after {@code consecutiveFailures} failures in a row */
	public static Duration after(int consecutiveFailures) {
		if (consecutiveFailures <= FREE_FAILURES) {
			return Duration.ZERO;
		}
		int doublings = Math.min(consecutiveFailures - FREE_FAILURES - 1, 16);
		Duration delay = FIRST.multipliedBy(1L << doublings);
		return (delay.compareTo(MAX) > 0) ? MAX : delay;
	}

	/**
	 * What the "too many attempts" page says of a wait, exactly its {@code Retry-After}: whole
	 * seconds under a minute ({@code seconds}), else whole minutes ({@code minutes}) and the seconds
	 * left over ({@code remainder}, zero on the minute), never rounded up.
	 */
	public static Map<String, Object> onPage(Duration wait) {
		long seconds = retryAfterSeconds(wait);
		return (seconds < 60) ? Map.of("seconds", seconds, "minutes", minutes(wait))
				: Map.of("minutes", seconds / 60, "remainder", seconds % 60);
	}

	/** Whole minutes to tell a person, rounded up and at least one. */
	public static long minutes(Duration wait) {
		return Math.max(1, (wait.toMillis() + 59_999) / 60_000);
	}

	/** The HTTP side of a refusal: 429 and Retry-After in whole seconds, at least one. */
	public static void tooManyRequests(HttpServletResponse response, Duration wait) {
		response.setStatus(429);
		response.setHeader("Retry-After", Long.toString(retryAfterSeconds(wait)));
	}

	private static long retryAfterSeconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
