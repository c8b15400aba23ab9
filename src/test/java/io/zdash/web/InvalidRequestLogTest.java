package io.zdash.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.zdash.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that cannot even be read — invalid UTF-8 in the query, a form body over the size limit,
 * a header with a control character — are refused with a 4xx, and cost the log next to nothing:
 * no stack trace, no ERROR line, nothing of the header (which may carry a live session id).
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class InvalidRequestLogTest {

	private static final String LIVE_SESSION = "c2VjcmV0LXNlc3Npb24taWQtNDJhNw";

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void whenAQueryIsNotUtf8ThenEachIsA400AndTheLogBarelyGrows(CapturedOutput output) throws Exception {
		int before = output.getAll().length();
		for (int i = 0; i < 200; i++) {
			assertThat(get("/login?x=%FF" + i).statusCode()).isEqualTo(400);
		}
		String logged = output.getAll().substring(before);
		assertThat(logged).doesNotContain("Exception").doesNotContain(" ERROR ");
		assertThat(logged.length()).as("bytes logged for 200 bad requests").isLessThan(2_000);
		// Our error page, with the headers of every page.
		HttpResponse<String> page = this.client.send(HttpRequest.newBuilder(URI.create(base() + "/security?lang=pt-BR&x=%C3"))
			.header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("<html");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
	}

	@Test
	void whenAFormIsOverTheSizeLimitThenA4xxAndNoStackTrace(CapturedOutput output) throws Exception {
		int before = output.getAll().length();
		String body = "email=a%40example.com&password=" + "x".repeat(3 * 1024 * 1024);
		HttpResponse<String> answer = this.client.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isBetween(400, 499);
		String logged = output.getAll().substring(before);
		assertThat(logged).doesNotContain("Exception").doesNotContain(" ERROR ");
	}

	@Test
	void whenAHeaderBreaksTheHttpRulesThenItsValueNeverReachesTheLog(CapturedOutput output) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: SESSION=" + LIVE_SESSION + "; x=a\u007fb\r\n"
					+ "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
			assertThat(status).startsWith("HTTP/1.1 400");
		}
		Thread.sleep(200);
		assertThat(output.getAll()).doesNotContain(LIVE_SESSION).doesNotContain("does not conform");
	}

	@Test
	void whenTomcatRefusesAPathItselfThenItsPageCarriesOurHeaders() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /api/instances%2f HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(answer).startsWith("HTTP/1.1 400")
				.contains("Content-Security-Policy: " + SecurityConfig.CONTENT_SECURITY_POLICY)
				.contains("X-Content-Type-Options: nosniff")
				.contains("X-Frame-Options: DENY")
				.doesNotContain("Apache Tomcat");
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
