package io.zdash.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.zdash.twofactor.TotpGenerator;

/**
 * Runs complete sign-ins at one concurrency for some seconds against any server, through a
 * {@link Flow}: each account signs in at most once per 30-second step (a code is accepted once, by
 * us and by Keycloak alike), and the server's CPU is read around the level.
 */
final class Levels {

	/**
	 * One sign-in through a server's pages, timing each request with {@link Timings#record}; throws
	 * with the reason when the server does not complete it.
	 */
	interface Flow {

		void signIn(Account account, String code, Timings timings) throws Exception;

	}

	/** @param secret the key of the account's authenticator app */
	record Account(String login, byte[] secret) {
	}

	static final class Timings {

		private final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();

		/** Records the time since {@code start} under {@code step}, and returns now for the next one. */
		long record(String step, long start) {
			long now = System.nanoTime();
			this.nanos.computeIfAbsent(step, s -> Collections.synchronizedList(new ArrayList<>())).add(now - start);
			return now;
		}

		/** The {@code q} quantile of a step, milliseconds; NaN when the step never ran. */
		double quantile(String step, double q) {
			List<Long> values = new ArrayList<>(this.nanos.getOrDefault(step, List.of()));
			if (values.isEmpty()) {
				return Double.NaN;
			}
			values.sort(null);
			return values.get(Math.min(values.size() - 1, (int) Math.ceil(q * values.size()) - 1)) / 1e6;
		}

		String percentiles(String step) {
			return String.format("%.1f / %.1f / %.1f", quantile(step, 0.50), quantile(step, 0.95), quantile(step, 0.99));
		}

	}

	/**
	 * @param hashMs one hash of the node's encoder in this JVM right after the level, the servers
	 * idle, CPU milliseconds: this machine's speed drifts by half within minutes, so each level's
	 * CPU besides the hash is reckoned with its own
	 */
	record Result(int clients, int flows, int errors, double seconds, double cpuSeconds, double hashMs,
			Timings timings, Map<String, Integer> failures) {

		double perSecond() {
			return this.flows / this.seconds;
		}

		/** The server's CPU per complete sign-in, milliseconds. */
		double cpuPerFlowMs() {
			return 1000 * this.cpuSeconds / Math.max(1, this.flows);
		}

		/** The server's CPU per complete sign-in besides its one hash, milliseconds. */
		double notHashingMs() {
			return cpuPerFlowMs() - this.hashMs;
		}

	}

	private static final TotpGenerator TOTP = TotpGenerator.AUTHENTICATOR_APPS;

	/** The time step of each account's last sign-in, across all levels (a code is accepted once). */
	private final Map<String, Long> lastStep = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	private final Flow flow;

	private final ServerCpu server;

	Levels(Flow flow, ServerCpu server) {
		this.flow = flow;
		this.server = server;
	}

	/** Marks the step whose code an account has used already (the one that turned its 2FA on). */
	void used(Account account, long step) {
		this.lastStep.merge(account.login(), step, Math::max);
	}

	Result run(List<Account> accounts, int clients, int seconds) throws Exception {
		ConcurrentLinkedQueue<Account> queue = new ConcurrentLinkedQueue<>(accounts);
		Timings timings = new Timings();
		Map<String, Integer> failures = new ConcurrentHashMap<>();
		AtomicInteger flows = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger starved = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		double cpuBefore = this.server.seconds();
		long started = System.nanoTime();
		long end = started + seconds * 1_000_000_000L;
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < clients; w++) {
			workers.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					Account account = queue.poll();
					long step = TOTP.timeStep(this.clock.instant());
					if (account == null || this.lastStep.getOrDefault(account.login(), Long.MIN_VALUE) >= step) {
						if (account != null) {
							queue.add(account);
						}
						starved.incrementAndGet();
						Thread.sleep(2);
						continue;
					}
					try {
						this.flow.signIn(account, TOTP.code(account.secret(), step), timings);
						flows.incrementAndGet();
					}
					catch (Exception | AssertionError ex) {
						failures.merge(ex.getClass().getSimpleName() + ": " + ex.getMessage(), 1, Integer::sum);
						errors.incrementAndGet();
					}
					this.lastStep.put(account.login(), step);
					queue.add(account);
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		double cpu = this.server.seconds() - cpuBefore;
		pool.shutdown();
		if (starved.get() * 0.002 > 0.05 * clients * elapsed) {
			// More than 5 % of the clients' time spent waiting for an account whose code is unused.
			failures.put("too few accounts: clients waited " + Math.round(starved.get() * 0.002 / clients)
					+ " s each for one that had not signed in this 30-s step (the accounts limit this level)", 0);
		}
		double hashMs = 1000 / HashRate.of(1, 5);
		return new Result(clients, flows.get(), errors.get(), elapsed, cpu, hashMs, timings, failures);
	}

}
