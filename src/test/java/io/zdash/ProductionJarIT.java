package io.zdash;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in the production layout's mode: Spring's ahead-of-time processing
 * ({@code -Dspring.aot.enabled=true}, docs/operations.md) with the README's heap. Ahead-of-time
 * processing fixes when the jar is built which beans exist, so this runs the real jar (after
 * {@code package}, by Failsafe) and checks what a run-time setting must still decide: an SMTP server
 * given at start-up gets the sign-up email, and a password sign-in goes through the whole chain.
 */
class ProductionJarIT {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String PASSWORD = "Jar-Checked-Passphrase-For-Tests-31";

	private Process app;

	private GreenMail smtp;

	@TempDir
	Path dir;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.app != null) {
			this.app.destroy();
			this.app.waitFor();
		}
		if (this.smtp != null) {
			this.smtp.stop();
		}
	}

	@Test
	void whenTheJarRunsAheadOfTimeProcessedThenRunTimeSmtpAndSignInWork() throws Exception {
		this.smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
		this.smtp.start();
		int port = freePort();
		Path log = this.dir.resolve("app.log");
		this.app = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Dspring.aot.enabled=true", "-XX:+UseSerialGC", "-Xmx160m", "-Xss512k", "-jar", System.getProperty("zdash.jar"),
				"--server.port=" + port, "--spring.datasource.url=jdbc:h2:mem:jar;DB_CLOSE_DELAY=-1",
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + this.smtp.getSmtp().getPort()))
			.directory(this.dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		String base = "http://127.0.0.1:" + port;

		awaitLogin(http, base + "/login", log);
		assertThat(Files.readString(log)).contains("Starting AOT-processed ZdashApplication");

		HttpResponse<String> signup = http.send(get(base + "/signup"), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> registered = http.send(post(base + "/signup", "_csrf", csrf(signup), "email",
				"jar@example.com", "password", PASSWORD), HttpResponse.BodyHandlers.ofString());
		assertThat(registered.uri().toString()).endsWith("/login?registered");
		assertThat(this.smtp.waitForIncomingEmail(30_000, 1)).as("the sign-up email reached the SMTP server").isTrue();
		MimeMessage mail = this.smtp.getReceivedMessages()[0];
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("jar@example.com");
		assertThat(GreenMailUtil.getBody(mail)).contains("/email/verify?token=");

		HttpResponse<String> login = http.send(get(base + "/login"), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> signedIn = http.send(post(base + "/login", "_csrf", csrf(login), "email",
				"jar@example.com", "password", PASSWORD), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(signedIn.uri().getPath()).isNotEqualTo("/login");
		assertThat(signedIn.body()).contains("action=\"/logout\"");
		assertThat(Files.readString(log)).doesNotContain("Email not sent").doesNotContain(PASSWORD);
	}

	@Test
	void whenAheadOfTimeAndAManagementPortItWasNotBuiltWithThenTheStartFailsSayingWhy() throws Exception {
		Path log = this.dir.resolve("app.log");
		this.app = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Dspring.aot.enabled=true", "-XX:+UseSerialGC", "-Xmx160m", "-jar", System.getProperty("zdash.jar"),
				"--server.port=" + freePort(), "--management.server.port=" + freePort(),
				"--spring.datasource.url=jdbc:h2:mem:jar2;DB_CLOSE_DELAY=-1"))
			.directory(this.dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();

		assertThat(this.app.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).as("the start ended").isTrue();
		assertThat(this.app.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("This jar was built without a management port of its own");
	}

	@Test
	void whenAheadOfTimeOnThePostgresProfileThenItMigratesAndServes() throws Exception {
		Path log = this.dir.resolve("app.log");
		int port = freePort();
		this.app = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Dspring.aot.enabled=true", "-XX:+UseSerialGC", "-Xmx160m", "-jar", System.getProperty("zdash.jar"),
				"--server.port=" + port, "--spring.profiles.active=postgres",
				"--spring.datasource.url=" + EmbeddedPostgresSupport.server().getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres"))
			.directory(this.dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();

		awaitLogin(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/login", log);

		assertThat(Files.readString(log)).contains("Starting AOT-processed ZdashApplication")
			.contains("The following 1 profile is active: \"postgres\"")
			.contains("PostgreSQL");
	}

	private static void awaitLogin(HttpClient http, String url, Path log) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (true) {
			try {
				HttpResponse<String> page = http.send(get(url), HttpResponse.BodyHandlers.ofString());
				if (page.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("The jar did not answer " + url + ":\n" + Files.readString(log));
			}
			Thread.sleep(100);
		}
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher found = CSRF.matcher(page.body());
		assertThat(found.find()).as("a CSRF field on " + page.uri()).isTrue();
		return found.group(1);
	}

	private static HttpRequest get(String url) {
		return HttpRequest.newBuilder(URI.create(url)).GET().build();
	}

	private static HttpRequest post(String url, String... nameValuePairs) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < nameValuePairs.length; i += 2) {
			form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(nameValuePairs[i], StandardCharsets.UTF_8))
				.append('=').append(URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
		}
		return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
