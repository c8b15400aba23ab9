package io.zdash.support;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a client address, an API token): a burst of {@code capacity}, then one
 * more every {@code refillEvery}. In memory and per node, so it limits floods on each node; what
 * must hold across nodes is counted in the database instead.
 * @param <K> what is limited
 */
public final class RateLimiter<K> {

	/** Bounds memory under a flood of distinct keys: beyond it, start afresh. */
	private static final int MAX_KEYS = 100_000;

	private final ConcurrentHashMap<K, Bucket> buckets = new ConcurrentHashMap<>();

	private final int capacity;

	private final long refillMillis;

	private final Clock clock;

	public RateLimiter(int capacity, Duration refillEvery, Clock clock) {
		this.capacity = capacity;
		this.refillMillis = Math.max(1, refillEvery.toMillis());
		this.clock = clock;
	}

	/** @return zero when the key may go on, else how long until it may */
	public Duration take(K key) {
		if (this.buckets.size() > MAX_KEYS) {
			this.buckets.clear();
		}
		long now = this.clock.millis();
		Bucket bucket = this.buckets.computeIfAbsent(key, k -> new Bucket(this.capacity, now));
		return Duration.ofMillis(bucket.take(now, this.capacity, this.refillMillis));
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
			this.tokens = Math.min(capacity, this.tokens + (double) Math.max(0, now - this.updatedAt) / refillMillis);
			this.updatedAt = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - this.tokens) * refillMillis);
		}

	}

}
