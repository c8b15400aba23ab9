package io.zdash.apitoken;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.ServerTest;
import io.zdash.WebJourney;
import io.zdash.support.Sha256;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise, end to end on a real port: a person makes a token on the Security pages,
 * a script (the JDK's HttpClient, as curl would) uses it for every instance operation, and no log
 * line ever holds the token, its hash, an instance token or the password.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class ApiOverHttpTest {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	private final HttpClient script = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void whenATokenMadeInThePagesIsUsedByAScriptThenEveryOperationWorksAndNoLogHoldsASecret(CapturedOutput output)
			throws Exception {
		this.clock.set(Instant.now());
		String email = WebJourney.uniqueEmail();
		HttpJourney person = new HttpJourney(this.port);
		person.signUp(email);
		person.signIn(email);
		HttpResponse<String> page = person.submit("/security/tokens", "/security/tokens", "name", "deploy", "expiry", "7",
				"scopes", "instances:read", "scopes", "instances:write");
		assertThat(page.statusCode()).isEqualTo(200);
		String token = Jsoup.parse(page.body()).getElementById("new-token").attr("value");
		List<String> secrets = new ArrayList<>(List.of(token, token.substring(4), Sha256.hex(token), WebJourney.PASSWORD));

		HttpResponse<String> created = send("POST", "/api/v1/instances", token, "{\"name\":\"Atendimento\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = JsonPath.read(created.body(), "$.id");
		assertThat(send("GET", "/api/v1/instances", token, null).body()).contains(id);
		assertThat(send("PATCH", "/api/v1/instances/" + id, token, "{\"name\":\"Vendas\"}").statusCode()).isEqualTo(200);
		HttpResponse<String> revealed = send("POST", "/api/v1/instances/" + id + "/token", token, null);
		secrets.add(JsonPath.read(revealed.body(), "$.token"));
		HttpResponse<String> rotated = send("POST", "/api/v1/instances/" + id + "/token/rotate", token, null);
		secrets.add(JsonPath.read(rotated.body(), "$.token"));
		assertThat(send("DELETE", "/api/v1/instances/" + id, token, null).statusCode()).isEqualTo(204);

		// A body sent in chunks, with no length declared: cut off at 16 KiB all the same.
		HttpResponse<String> chunked = this.script.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
				+ "/api/v1/instances"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
					("{\"name\":\"" + "x".repeat(20_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(chunked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(created.headers().firstValue("Set-Cookie")).as("a token's request makes no session").isEmpty();

		String wrong = "zdp_" + "x".repeat(43);
		HttpResponse<String> refused = send("GET", "/api/v1/instances", wrong, null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
		secrets.add(wrong);

		assertThat(output.getAll()).contains("security_event type=API_TOKEN_USED");
		for (String secret : secrets) {
			assertThat(output.getAll()).as("a secret in the log").doesNotContain(secret);
		}
	}

	private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json");
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return this.script.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
