package io.zdash.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.WebJourney;
import io.zdash.twofactor.TotpGenerator;

/**
 * Load benchmark (not a test): complete browser sign-ins with 2FA against a running node (see
 * {@link ZdashFlow}) at several concurrencies, after a warm-up level, with the raw Argon2id rate of
 * the node's encoder beside them and the node's CPU per sign-in when its process id is given.
 * Usage: SignInLoad port accounts seconds-per-level levels (e.g. 1,4,16) [node pids, comma-separated];
 * scripts/bench-load starts a node and runs it.
 */
public final class SignInLoad {

	public static void main(String[] args) throws Exception {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 8080;
		int accounts = (args.length > 1) ? Integer.parseInt(args[1]) : 300;
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 20;
		int[] levels = Arrays.stream(((args.length > 3) ? args[3] : "1,4,16").split(",")).mapToInt(Integer::parseInt)
			.toArray();
		ServerCpu node = ServerCpu.of((args.length > 4) ? args[4] : "");
		Levels runner = new Levels(new ZdashFlow(port), node);
		List<Levels.Account> enrolled = enroll(port, accounts, runner);
		System.out.printf("enrolled %d accounts%n", enrolled.size());
		Bound bound = Bound.measure();
		System.out.println(bound);
		Levels.Result warmUp = runner.run(enrolled, Arrays.stream(levels).max().orElse(16), seconds);
		System.out.printf("warm-up at %d clients: %.1f flows/s (not counted)%n", warmUp.clients(), warmUp.perSecond());
		for (int level : levels) {
			print(runner.run(enrolled, level, seconds), bound, !node.isEmpty());
		}
	}

	static void print(Levels.Result flows, Bound bound, boolean withCpu) {
		System.out.printf("concurrency %2d: %.1f flows/s, %d errors, %.2f of the raw Argon2id rate at %d threads%n",
				flows.clients(), flows.perSecond(), flows.errors(), flows.perSecond() / bound.perCore(), bound.cores());
		if (withCpu) {
			System.out.printf("   node CPU per sign-in %.1f ms, of which not hashing %.1f ms (one hash: %.1f ms just after)%n",
					flows.cpuPerFlowMs(), flows.notHashingMs(), flows.hashMs());
		}
		System.out.printf("   whole flow p50/p95/p99 ms: %s%n", flows.timings().percentiles("flow"));
		for (String step : ZdashFlow.STEPS) {
			if (!Double.isNaN(flows.timings().quantile(step, 0.5))) {
				System.out.printf("   %-14s p50/p95/p99 ms: %s%n", step, flows.timings().percentiles(step));
			}
		}
		printFailures(flows.failures());
	}

	/** Why flows failed, and a warning (counted 0) when the accounts rather than the server set the rate. */
	static void printFailures(java.util.Map<String, Integer> failures) {
		failures.forEach((why, count) -> System.out.printf("   %s%n", (count > 0) ? "failed " + count + " x: " + why : why));
	}

	/** The raw rates of the node's encoder in this JVM, while the server is idle: one thread, one per core. */
	record Bound(double oneThread, int cores, double perCore) {

		static Bound measure() throws Exception {
			int cores = Runtime.getRuntime().availableProcessors();
			return new Bound(HashRate.of(1, 10), cores, HashRate.of(cores, 10));
		}

		/** CPU milliseconds of one hash. */
		double msPerHash() {
			return 1000 / this.oneThread;
		}

		@Override
		public String toString() {
			return String.format("raw Argon2id of the node's encoder: %.1f hashes/s at 1 thread (%.1f ms each), %.1f at %d threads",
					this.oneThread, msPerHash(), this.perCore, this.cores);
		}

	}

	static List<Levels.Account> enroll(int port, int count, Levels runner) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<Levels.Account>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			futures.add(pool.submit(() -> {
				String email = WebJourney.uniqueEmail();
				HttpJourney browser = new HttpJourney(port);
				browser.signUp(email);
				browser.signIn(email);
				// A clock of its own: the step of the code that turned 2FA on is the one recorded.
				MutableClock clock = new MutableClock(Instant.now());
				Levels.Account account = new Levels.Account(email, browser.enableTwoFactor(clock).secret());
				runner.used(account, TotpGenerator.AUTHENTICATOR_APPS.timeStep(clock.instant()));
				return account;
			}));
		}
		List<Levels.Account> accounts = new ArrayList<>();
		for (Future<Levels.Account> future : futures) {
			accounts.add(future.get());
		}
		pool.shutdown();
		return accounts;
	}

}
