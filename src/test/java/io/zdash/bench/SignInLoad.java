package io.zdash.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.WebJourney;
import io.zdash.twofactor.TotpGenerator;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Load benchmark (not a test): complete browser sign-ins with 2FA against a running node — GET
 * /login, POST the password, GET and POST /login/totp with a correct code, GET / — at several
 * concurrencies, and the raw Argon2id hash rate of this machine with the same parameters beside it.
 * Each account signs in at most once per 30-second step (a code is accepted once).
 * Usage: SignInLoad port accounts seconds-per-level levels (e.g. 1,4,16); scripts/bench-load starts a
 * node and runs it.
 */
public final class SignInLoad {

	private static final String[] STEPS = { "get-login", "post-password", "get-code", "post-code", "get-dashboard" };

	/** The time step of each account's last sign-in (or of enrollment), across all levels. */
	private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

	/** Why flows failed, to print beside the figures. */
	static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();

	private static final Argon2PasswordEncoder ARGON2 = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

	/** @param enrolledStep the step of the code that turned 2FA on: used, so not signed in with */
	record Account(String email, byte[] secret, long enrolledStep) {
	}

	public static void main(String[] args) throws Exception {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 8080;
		int accounts = (args.length > 1) ? Integer.parseInt(args[1]) : 300;
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 20;
		int[] levels = Arrays.stream(((args.length > 3) ? args[3] : "1,4,16").split(",")).mapToInt(Integer::parseInt)
			.toArray();
		List<Account> enrolled = enroll(port, accounts);
		System.out.printf("enrolled %d accounts%n", enrolled.size());
		// The machine's best: one hash per core. More threads than cores is slower (each hash walks
		// 19 MiB, and the caches are shared), which is why the app runs at most one per core.
		int cores = Runtime.getRuntime().availableProcessors();
		double best = hashRate(cores, 10);
		System.out.printf("raw Argon2id at %d threads (one per core): %.1f hashes/s%n", cores, best);
		for (int level : levels) {
			Result flows = run(port, enrolled, level, seconds);
			double hashes = hashRate(level, Math.min(seconds, 10));
			System.out.printf(
					"concurrency %2d: %.1f flows/s, %d errors, raw Argon2id at %d threads %.1f hashes/s, flows/hashes %.2f, flows/best hashes %.2f%n",
					level, flows.perSecond(), flows.errors(), level, hashes, flows.perSecond() / hashes,
					flows.perSecond() / best);
			System.out.printf("   whole flow p50/p95/p99 ms: %s%n", flows.percentiles("flow"));
			for (String step : STEPS) {
				System.out.printf("   %-14s p50/p95/p99 ms: %s%n", step, flows.percentiles(step));
			}
			FAILURES.forEach((why, count) -> System.out.printf("   failed %d x: %s%n", count, why));
			FAILURES.clear();
		}
	}

	private static List<Account> enroll(int port, int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<Account>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			futures.add(pool.submit(() -> {
				String email = WebJourney.uniqueEmail();
				HttpJourney browser = new HttpJourney(port);
				browser.signUp(email);
				browser.signIn(email);
				// A clock of its own: the step of the code that turned 2FA on is the one recorded.
				MutableClock clock = new MutableClock(Instant.now());
				byte[] secret = browser.enableTwoFactor(clock).secret();
				return new Account(email, secret, TotpGenerator.AUTHENTICATOR_APPS.timeStep(clock.instant()));
			}));
		}
		List<Account> accounts = new ArrayList<>();
		for (Future<Account> future : futures) {
			accounts.add(future.get());
		}
		pool.shutdown();
		return accounts;
	}

	record Result(int flows, int errors, double seconds, Map<String, List<Long>> timings) {

		double perSecond() {
			return this.flows / this.seconds;
		}

		String percentiles(String step) {
			List<Long> values = new ArrayList<>(this.timings.getOrDefault(step, List.of()));
			if (values.isEmpty()) {
				return "-";
			}
			values.sort(null);
			return String.format("%.1f / %.1f / %.1f", at(values, 0.50), at(values, 0.95), at(values, 0.99));
		}

		private static double at(List<Long> sorted, double q) {
			return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
		}

	}

	private static Result run(int port, List<Account> accounts, int concurrency, int seconds) throws Exception {
		Clock system = Clock.systemUTC();
		TotpGenerator totp = TotpGenerator.AUTHENTICATOR_APPS;
		// An account may sign in again only in a later 30-second step than its last sign-in, in this
		// level or an earlier one (forgetting those made the server rightly refuse replayed codes).
		Map<String, Long> lastStep = LAST_STEP;
		accounts.forEach(account -> lastStep.putIfAbsent(account.email(), account.enrolledStep()));
		ConcurrentLinkedQueue<Account> queue = new ConcurrentLinkedQueue<>(accounts);
		Map<String, List<Long>> timings = new ConcurrentHashMap<>();
		AtomicInteger flows = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		long started = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < concurrency; w++) {
			workers.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					Account account = queue.poll();
					if (account == null) {
						Thread.sleep(20);
						continue;
					}
					long step = totp.timeStep(system.instant());
					if (lastStep.getOrDefault(account.email(), Long.MIN_VALUE) >= step) {
						queue.add(account);
						Thread.sleep(1);
						continue;
					}
					try {
						if (flow(port, account, totp, system, timings)) {
							flows.incrementAndGet();
						}
						else {
							errors.incrementAndGet();
						}
					}
					catch (Exception | AssertionError ex) {
						FAILURES.merge(ex.getClass().getSimpleName() + ": " + ex.getMessage(), 1, Integer::sum);
						errors.incrementAndGet();
					}
					lastStep.put(account.email(), totp.timeStep(system.instant()));
					queue.add(account);
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		double elapsed = (System.nanoTime() - started) / 1e9;
		return new Result(flows.get(), errors.get(), elapsed, timings);
	}

	private static boolean flow(int port, Account account, TotpGenerator totp, Clock clock,
			Map<String, List<Long>> timings) throws Exception {
		LeanBrowser browser = new LeanBrowser(port);
		long flowStart = System.nanoTime();
		long t = System.nanoTime();
		String csrf = browser.csrfFrom("/login");
		record(timings, "get-login", t);
		t = System.nanoTime();
		HttpResponse<String> password = browser.post("/login", csrf, "email", account.email(), "password",
				WebJourney.PASSWORD);
		record(timings, "post-password", t);
		t = System.nanoTime();
		String codeCsrf = browser.csrfFrom("/login/totp");
		record(timings, "get-code", t);
		t = System.nanoTime();
		String code = totp.code(account.secret(), totp.timeStep(clock.instant()));
		HttpResponse<String> accepted = browser.post("/login/totp", codeCsrf, "code", code);
		record(timings, "post-code", t);
		t = System.nanoTime();
		HttpResponse<String> dashboard = browser.get("/");
		record(timings, "get-dashboard", t);
		record(timings, "flow", flowStart);
		boolean ok = password.statusCode() == 302 && accepted.statusCode() == 302 && dashboard.statusCode() == 200;
		if (!ok) {
			FAILURES.merge("password " + password.statusCode() + " " + password.headers().firstValue("Location").orElse("")
					+ ", code " + accepted.statusCode() + ", dashboard " + dashboard.statusCode(), 1, Integer::sum);
		}
		return ok;
	}

	/**
	 * A browser as cheap as possible for the client's side of the shared two cores: one HTTP client
	 * (kept-alive connections) for every flow, the session cookie kept by hand, the CSRF token found
	 * with a pattern instead of an HTML parser. Enrollment uses the full {@link HttpJourney}.
	 */
	static final class LeanBrowser {

		private static final HttpClient CLIENT = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private static final Pattern SESSION = Pattern.compile("^SESSION=([^;]*)");

		private final String base;

		private String session;

		LeanBrowser(int port) {
			this.base = "http://127.0.0.1:" + port;
		}

		HttpResponse<String> get(String path) throws Exception {
			return send(request(path).GET());
		}

		String csrfFrom(String path) throws Exception {
			HttpResponse<String> page = get(path);
			Matcher token = CSRF.matcher(page.body());
			if (!token.find()) {
				throw new IllegalStateException("No form on " + path + " (status " + page.statusCode() + ")");
			}
			return token.group(1);
		}

		HttpResponse<String> post(String path, String csrf, String... nameValuePairs) throws Exception {
			StringBuilder form = new StringBuilder("_csrf=").append(encode(csrf));
			for (int i = 0; i < nameValuePairs.length; i += 2) {
				form.append('&').append(encode(nameValuePairs[i])).append('=').append(encode(nameValuePairs[i + 1]));
			}
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form.toString())));
		}

		private HttpRequest.Builder request(String path) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
			return (this.session == null) ? builder : builder.header("Cookie", "SESSION=" + this.session);
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String cookie : response.headers().allValues("Set-Cookie")) {
				Matcher session = SESSION.matcher(cookie);
				if (session.find()) {
					this.session = session.group(1);
				}
			}
			return response;
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

	private static void record(Map<String, List<Long>> timings, String step, long start) {
		timings.computeIfAbsent(step, s -> Collections.synchronizedList(new ArrayList<>()))
			.add(System.nanoTime() - start);
	}

	/** Argon2id with the application's parameters, on {@code threads} threads, hashes per second. */
	private static double hashRate(int threads, int seconds) throws Exception {
		// Compiled code, not the interpreter: the app's hashing has long been warmed up by then.
		hashFor(threads, 3);
		return hashFor(threads, seconds);
	}

	private static double hashFor(int threads, int seconds) throws Exception {
		AtomicInteger hashes = new AtomicInteger();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			workers.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					ARGON2.encode(WebJourney.PASSWORD);
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
