package io.zdash.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.zdash.HttpJourney;
import io.zdash.WebJourney;
import org.jsoup.Jsoup;

/**
 * Load on the JSON API with a personal access token, beside {@link SignInLoad}'s figures: an
 * account makes a token on the pages and ten instances through the API, then {@code clients}
 * threads ask {@code GET /api/v1/instances} for {@code seconds}, each on its kept-alive connection.
 * Each request is the bearer check (the token's hash by its unique index, the account by its key)
 * and one page of instances; no password hash. The app must run with a rate per token above the
 * load ({@code --zdash.api.rate-limit.capacity=…}), or most answers are 429.
 * Usage: ApiLoad port [seconds=15] [clients=16]
 */
public final class ApiLoad {

	private ApiLoad() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 15;
		int clients = (args.length > 2) ? Integer.parseInt(args[2]) : 16;
		String email = WebJourney.uniqueEmail();
		HttpJourney person = new HttpJourney(port);
		person.signUp(email);
		person.signIn(email);
		HttpResponse<String> page = person.submit("/security/tokens", "/security/tokens", "name", "load", "expiry", "7",
				"scopes", "instances:read", "scopes", "instances:write");
		String token = Jsoup.parse(page.body()).getElementById("new-token").attr("value");
		HttpClient setup = HttpClient.newHttpClient();
		for (int i = 0; i < 10; i++) {
			setup.send(request(port, token).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"instance " + i + "\"}")).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		// Warm-up: the JIT, the connection pool, the statements.
		run(port, token, clients, 5);
		Result result = run(port, token, clients, seconds);
		System.out.printf("API GET /api/v1/instances at %d clients: %.0f requests/s, %d not 200, p50/p95/p99 ms: %s%n",
				clients, result.ok() / result.seconds(), result.errors(), result.percentiles());
	}

	record Result(int ok, int errors, double seconds, List<Long> nanos) {

		String percentiles() {
			List<Long> sorted = new ArrayList<>(this.nanos);
			sorted.sort(null);
			return String.format("%.2f / %.2f / %.2f", at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
		}

		private static double at(List<Long> sorted, double q) {
			return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
		}

	}

	private static Result run(int port, String token, int clients, int seconds) throws Exception {
		AtomicInteger ok = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		List<List<Long>> timings = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long started = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			List<Long> mine = new ArrayList<>();
			timings.add(mine);
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			workers.add(pool.submit(() -> {
				HttpRequest get = request(port, token).GET().build();
				while (System.nanoTime() < end) {
					long t = System.nanoTime();
					HttpResponse<String> response = client.send(get, HttpResponse.BodyHandlers.ofString());
					mine.add(System.nanoTime() - t);
					(response.statusCode() == 200 ? ok : errors).incrementAndGet();
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		List<Long> all = new ArrayList<>();
		timings.forEach(all::addAll);
		return new Result(ok.get(), errors.get(), (System.nanoTime() - started) / 1e9, all);
	}

	private static HttpRequest.Builder request(int port, String token) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/instances"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json");
	}

}
