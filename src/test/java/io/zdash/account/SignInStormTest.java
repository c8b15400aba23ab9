package io.zdash.account;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.zdash.HttpJourney;
import io.zdash.SubmissionRace;
import io.zdash.WebJourney;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 people press "Sign in" at the same moment on a node whose heap is capped at
 * {@value #HEAP}. Unbounded, that would be 200 Argon2id hashes of 19 MiB each at once — about
 * 4 GiB — so the node runs in its own JVM, with the heap docs/operations.md recommends, its default number
 * of hashing slots (which the heap caps), and
 * {@code -XX:+ExitOnOutOfMemoryError}: if hashing were not bounded, the node would die and this test
 * would see refused connections or 5xx. Bounded, every answer is a sign-in (302) or "busy, retry"
 * (503 with Retry-After), and the node is still healthy afterwards.
 */
class SignInStormTest {

	static final String HEAP = "-Xmx160m";

	private static final int STORM = 200;

	private static Process node;

	private static int port;

	private static Path log;

	@BeforeAll
	static void startNode() throws Exception {
		Path dir = Files.createDirectories(Path.of("target", "storm"));
		log = dir.resolve("node.log");
		port = freePort();
		node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
				"-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", applicationClassPath(), "io.zdash.ZdashApplication",
				"--server.port=" + port, "--spring.datasource.url=jdbc:h2:mem:storm;DB_CLOSE_DELAY=-1",
				"--zdash.crypto.keyset-file=" + dir.resolve("keyset.json"),
				"--zdash.web.client-limit.capacity=1000000")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		// Also when this JVM is stopped before @AfterAll: never leave a node holding a port.
		Process started = node;
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (true) {
			assertThat(node.isAlive()).as(() -> "node started; its log:\n" + tail()).isTrue();
			try {
				if (new HttpJourney(port).get("/login").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			assertThat(System.nanoTime()).as(() -> "node answered within 2 minutes; its log:\n" + tail())
				.isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	@AfterAll
	static void stopNode() {
		if (node != null) {
			node.destroyForcibly();
		}
	}

	@Test
	void whenTwoHundredPeopleSignInAtOnceThenEachIsSignedInOrAskedToRetryAndTheHeapHolds() throws Exception {
		ExecutorService signUpPool = Executors.newFixedThreadPool(8);
		try {
			// Each person signed up (a few at a time: sign-up hashes too), on the sign-in page with its
			// form token, about to press the button.
			List<Future<Callable<HttpResponse<String>>>> ready = new ArrayList<>();
			for (int i = 0; i < STORM; i++) {
				ready.add(signUpPool.submit(() -> {
					String email = WebJourney.uniqueEmail();
					HttpJourney person = new HttpJourney(port);
					person.signUp(email);
					String token = person.csrfFrom("/login");
					Callable<HttpResponse<String>> signIn = () -> person.post("/login", token, "email", email,
							"password", WebJourney.PASSWORD);
					return signIn;
				}));
			}
			List<Callable<HttpResponse<String>>> signIns = new ArrayList<>();
			for (Future<Callable<HttpResponse<String>>> person : ready) {
				signIns.add(person.get());
			}
			int signedIn = 0;
			for (HttpResponse<String> response : SubmissionRace.atOnce(signIns)) {
				assertThat(response.statusCode()).as("every answer is a sign-in or 'busy, retry'").isIn(302, 503);
				if (response.statusCode() == 503) {
					assertThat(response.headers().firstValue("Retry-After")).isPresent();
				}
				else {
					assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
							location -> assertThat(location).doesNotContain("error"));
					signedIn++;
				}
			}
			assertThat(signedIn).as("the node kept signing people in").isPositive();
		}
		finally {
			signUpPool.shutdownNow();
		}
		assertThat(node.isAlive()).as(() -> "the node survived within " + HEAP + "; its log:\n" + tail()).isTrue();
		assertThat(new HttpJourney(port).get("/actuator/health").body()).contains("\"UP\"");
		assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError")
			.as("an expected overload is not logged as an error")
			.doesNotContain(" ERROR ");
	}

	/** The application and its libraries, without the test classes (they would be component-scanned). */
	private static String applicationClassPath() {
		String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(full.split(File.pathSeparator))
			.filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String tail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
