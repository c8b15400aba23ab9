package io.zdash.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.zdash.WebJourney;
import io.zdash.account.NodeArgon2;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The raw Argon2id rate of the node's own encoder (same parameters, same block pool) in this JVM,
 * with nothing else running in it: the bound a sign-in benchmark is compared with.
 */
final class HashRate {

	private HashRate() {
	}

	/** Hashes per second on {@code threads} threads, after 3 s of warm-up (compiled code, as in the node). */
	static double of(int threads, int seconds) throws Exception {
		PasswordEncoder encoder = NodeArgon2.encoder(threads);
		hashFor(encoder, threads, 3);
		return hashFor(encoder, threads, seconds);
	}

	private static double hashFor(PasswordEncoder encoder, int threads, int seconds) throws Exception {
		AtomicInteger hashes = new AtomicInteger();
		long start = System.nanoTime();
		long end = start + seconds * 1_000_000_000L;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			workers.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					encoder.encode(WebJourney.PASSWORD);
					hashes.incrementAndGet();
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return hashes.get() / ((System.nanoTime() - start) / 1e9);
	}

}
