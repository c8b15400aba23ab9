package io.zdash.account;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id costs about 20 MiB and tens of milliseconds per hash, on purpose. This decorator lets at
 * most {@code permits} hashes run at once and queues the rest for up to {@code queueTimeout}; past
 * that it refuses ({@link HashingBusyException}, answered 503), so a sign-in storm cannot exhaust
 * memory. It also times every hash ({@code zdash.password.hash}).
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore slots;

	private final long queueTimeoutMillis;

	private final Timer timer;

	private final Counter refused;

	BoundedPasswordEncoder(PasswordEncoder delegate, int permits, Duration queueTimeout, MeterRegistry meters) {
		this.delegate = delegate;
		this.slots = new Semaphore(permits, true);
		this.queueTimeoutMillis = queueTimeout.toMillis();
		this.timer = Timer.builder("zdash.password.hash").description("Argon2id hashing, encode and verify")
			.register(meters);
		this.refused = Counter.builder("zdash.password.hash.refused")
			.description("Hashes refused (sign-in, sign-up, password change) because every slot stayed busy for the queue timeout: answered 503")
			.register(meters);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return bounded(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return bounded(() -> this.delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private <T> T bounded(Supplier<T> hash) {
		boolean acquired;
		try {
			acquired = this.slots.tryAcquire(this.queueTimeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.refused.increment();
			throw new HashingBusyException();
		}
		if (!acquired) {
			this.refused.increment();
			throw new HashingBusyException();
		}
		try {
			return this.timer.record(hash);
		}
		finally {
			this.slots.release();
		}
	}

}
