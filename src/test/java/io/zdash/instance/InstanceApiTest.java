package io.zdash.instance;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The instances of the JSON API with personal access tokens: every operation, ownership (another
 * account's instance is a 404), scopes (403 naming the missing one), bad tokens (one 401 for all)
 * and bad input (4xx problems that change nothing).
 */
class InstanceApiTest extends JourneyTest {

	MockHttpSession session;

	String write;

	String read;

	@BeforeEach
	void tokens() throws Exception {
		this.session = this.journey.signUpAndSignIn(this.email);
		this.write = this.journey.createToken(this.session, "writer", "instances:read", "instances:write");
		this.read = this.journey.createToken(this.session, "reader", "instances:read");
	}

	@Test
	void whenAScriptManagesItsInstancesThenEveryOperationWorks() throws Exception {
		MockHttpServletResponse created = call(this.write, json(post("/api/v1/instances"), "{\"name\":\"Vendas São Paulo\"}"));
		assertThat(created.getStatus()).isEqualTo(201);
		String id = JsonPath.read(created.getContentAsString(), "$.id");
		assertThat(created.getHeader("Location")).isEqualTo("/api/v1/instances/" + id);
		assertThat(created.getContentAsString()).doesNotContain("token");

		MockHttpServletResponse one = call(this.read, get("/api/v1/instances/" + id));
		assertThat((String) JsonPath.read(one.getContentAsString(), "$.name")).isEqualTo("Vendas São Paulo");

		MockHttpServletResponse renamed = call(this.write, json(patch("/api/v1/instances/" + id), "{\"name\":\"Suporte\"}"));
		assertThat((String) JsonPath.read(renamed.getContentAsString(), "$.name")).isEqualTo("Suporte");

		MockHttpServletResponse revealed = call(this.write, post("/api/v1/instances/" + id + "/token"));
		String token = JsonPath.read(revealed.getContentAsString(), "$.token");
		assertThat(token).matches("[0-9A-F]{48}");
		assertThat(revealed.getHeader("Cache-Control")).contains("no-store");
		MockHttpServletResponse rotated = call(this.write, post("/api/v1/instances/" + id + "/token/rotate"));
		assertThat((String) JsonPath.read(rotated.getContentAsString(), "$.token")).isNotEqualTo(token).matches("[0-9A-F]{48}");
		assertThat(events("INSTANCE_TOKEN_REVEALED_BY_API")).isOne();
		assertThat(events("INSTANCE_TOKEN_ROTATED_BY_API")).isOne();
		assertThat(events("API_TOKEN_USED")).as("each change, and the reads once a minute").isGreaterThanOrEqualTo(4);

		assertThat(call(this.write, delete("/api/v1/instances/" + id)).getStatus()).isEqualTo(204);
		assertThat(call(this.read, get("/api/v1/instances/" + id)).getStatus()).isEqualTo(404);
	}

	@Test
	void whenTheListIsLongThenItIsPaged() throws Exception {
		for (int i = 1; i <= 5; i++) {
			call(this.write, json(post("/api/v1/instances"), "{\"name\":\"n" + i + "\"}"));
			this.clock.advance(java.time.Duration.ofSeconds(1));
		}
		String first = call(this.read, get("/api/v1/instances?size=2")).getContentAsString();
		assertThat((List<String>) JsonPath.read(first, "$.items[*].name")).containsExactly("n1", "n2");
		assertThat((Boolean) JsonPath.read(first, "$.hasMore")).isTrue();
		String last = call(this.read, get("/api/v1/instances?size=2&page=3")).getContentAsString();
		assertThat((List<String>) JsonPath.read(last, "$.items[*].name")).containsExactly("n5");
		assertThat((Boolean) JsonPath.read(last, "$.hasMore")).isFalse();
		for (String bad : List.of("page=0", "size=0", "size=101", "page=abc", "size=1e3", "page=-1", "page=99999999999")) {
			MockHttpServletResponse response = call(this.read, get("/api/v1/instances?" + bad));
			assertThat(response.getStatus()).as(bad).isEqualTo(422);
			assertThat(response.getContentType()).as(bad).isEqualTo("application/problem+json");
		}
	}

	@Test
	void whenAnotherAccountsTokenAsksForAnInstanceThenItIsNotFound() throws Exception {
		String id = JsonPath.read(call(this.write, json(post("/api/v1/instances"), "{\"name\":\"mine\"}")).getContentAsString(), "$.id");
		MockHttpSession other = this.journey.signUpAndSignIn(WebJourney.uniqueEmail());
		String theirs = this.journey.createToken(other, "theirs", "instances:read", "instances:write");
		List<MockHttpServletRequestBuilder> requests = List.of(get("/api/v1/instances/" + id),
				json(patch("/api/v1/instances/" + id), "{\"name\":\"taken\"}"), delete("/api/v1/instances/" + id),
				post("/api/v1/instances/" + id + "/token"), post("/api/v1/instances/" + id + "/token/rotate"));
		for (MockHttpServletRequestBuilder request : requests) {
			MockHttpServletResponse response = call(theirs, request);
			assertThat(response.getStatus()).isEqualTo(404);
			assertThat((String) JsonPath.read(response.getContentAsString(), "$.type")).isEqualTo("urn:zdash:problem:not-found");
		}
		assertThat((List<String>) JsonPath.read(call(theirs, get("/api/v1/instances")).getContentAsString(), "$.items"))
			.isEmpty();
		assertThat((String) JsonPath.read(call(this.read, get("/api/v1/instances/" + id)).getContentAsString(), "$.name"))
			.isEqualTo("mine");
	}

	@Test
	void whenAReadTokenTriesToWriteThenTheMissingScopeIsNamed() throws Exception {
		for (MockHttpServletRequestBuilder request : List.of(json(post("/api/v1/instances"), "{\"name\":\"x\"}"),
				delete("/api/v1/instances/ABC"), post("/api/v1/instances/ABC/token"))) {
			MockHttpServletResponse response = call(this.read, request);
			assertThat(response.getStatus()).isEqualTo(403);
			assertThat((String) JsonPath.read(response.getContentAsString(), "$.type"))
				.isEqualTo("urn:zdash:problem:insufficient-scope");
			assertThat((String) JsonPath.read(response.getContentAsString(), "$.scope")).isEqualTo("instances:write");
			assertThat(response.getHeader("WWW-Authenticate")).contains("insufficient_scope").contains("instances:write");
		}
		String security = this.journey.createToken(this.session, "security only", "security:read");
		assertThat(call(security, get("/api/v1/instances")).getStatus()).isEqualTo(403);
		assertThat(count()).isZero();
	}

	@Test
	void whenTheTokenIsNotOneThenEveryKindOfBadTokenGetsTheSame401() throws Exception {
		List<String> bad = List.of("", "zdp_", "zdp_short", "ghp_" + this.write.substring(4), this.write + "x",
				this.write.substring(0, 46), "zdp_" + "A".repeat(43), "zdp_" + "é".repeat(43), "zdp_" + "A".repeat(5000),
				"zdp_" + "A".repeat(42) + "'", this.write.toLowerCase(), "Bearer " + this.write);
		String first = null;
		for (String token : bad) {
			MockHttpServletResponse response = call(token, get("/api/v1/instances"));
			assertThat(response.getStatus()).as(token).isEqualTo(401);
			assertThat(response.getHeader("WWW-Authenticate")).as(token).startsWith("Bearer");
			first = (first == null) ? response.getContentAsString() : first;
			assertThat(response.getContentAsString()).as("no hint which").isEqualTo(first);
		}
		MockHttpServletResponse none = this.mvc.perform(get("/api/v1/instances")).andReturn().getResponse();
		assertThat(none.getStatus()).isEqualTo(401);
		assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"zdash\"");
		MockHttpServletResponse basic = this.mvc.perform(get("/api/v1/instances").header("Authorization", "Basic YTpi"))
			.andReturn().getResponse();
		assertThat(basic.getStatus()).isEqualTo(401);
	}

	@Test
	void whenTheBodyIsBadThenAProblemSaysWhatAndNothingChanges() throws Exception {
		record Case(String contentType, String body, int status, String type) {
		}
		List<Case> cases = List.of(new Case("application/json", "{\"name\":\"\"}", 422, "invalid-request"),
				new Case("application/json", "{\"name\":\"   \"}", 422, "invalid-request"),
				new Case("application/json", "{\"name\":\"" + "x".repeat(61) + "\"}", 422, "invalid-request"),
				new Case("application/json", "{\"name\":\"bell\\u0007\"}", 422, "invalid-request"),
				new Case("application/json", "{\"name\":null}", 422, "invalid-request"),
				new Case("application/json", "{}", 422, "invalid-request"),
				new Case("application/json", "{\"name\":\"ok\",\"owner\":\"someone\"}", 422, "unknown-field"),
				new Case("application/json", "{\"name\":\"ok\"} trailing", 400, "malformed-body"),
				new Case("application/json", "{\"name\":", 400, "malformed-body"),
				new Case("application/json", "[\"name\"]", 400, "malformed-body"),
				new Case("application/json", "{\"name\":{\"a\":1}}", 400, "malformed-body"),
				new Case("application/json", "{\"name\":42}", 400, "malformed-body"),
				new Case("application/json", "{\"name\":true}", 400, "malformed-body"),
				new Case("application/json", "{\"name\":\"a\",\"name\":\"b\"}", 400, "malformed-body"),
				new Case("application/json", "", 400, "malformed-body"),
				new Case("text/plain", "name=x", 415, "unsupported-media-type"),
				new Case("application/json", "{\"name\":\"" + "x".repeat(20_000) + "\"}", 413, "body-too-large"));
		for (Case c : cases) {
			String what = c.body().length() > 60 ? c.body().substring(0, 60) + "…" : c.body();
			MockHttpServletResponse response = call(this.write,
					post("/api/v1/instances").contentType(c.contentType()).content(c.body()));
			assertThat(response.getStatus()).as(what).isEqualTo(c.status());
			assertThat(response.getContentType()).as(what).isEqualTo("application/problem+json");
			assertThat((String) JsonPath.read(response.getContentAsString(), "$.type")).as(what)
				.isEqualTo("urn:zdash:problem:" + c.type());
		}
		MockHttpServletResponse invalid = call(this.write, json(post("/api/v1/instances"), "{\"name\":\"\"}"));
		assertThat((String) JsonPath.read(invalid.getContentAsString(), "$.errors[0].field")).isEqualTo("name");
		assertThat(count()).isZero();
	}

	@Test
	void whenAPathOrMethodIsUnknownThenTheAnswerIsAProblemToo() throws Exception {
		MockHttpServletResponse missing = call(this.read, get("/api/v1/nothing-here"));
		assertThat(missing.getStatus()).isEqualTo(404);
		assertThat(missing.getContentType()).isEqualTo("application/problem+json");
		MockHttpServletResponse method = call(this.write, org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.put("/api/v1/instances"));
		assertThat(method.getStatus()).isEqualTo(405);
		assertThat(method.getContentType()).isEqualTo("application/problem+json");
	}

	@Test
	void whenATokenMakesTooManyRequestsThenItIsToldWhenToComeBack() throws Exception {
		int status = 200;
		int made = 0;
		while (status == 200 && made < 1000) {
			status = call(this.read, get("/api/v1/instances")).getStatus();
			made++;
		}
		assertThat(made).as("the burst of 120, then a refusal").isEqualTo(121);
		MockHttpServletResponse limited = call(this.read, get("/api/v1/instances"));
		assertThat(limited.getStatus()).isEqualTo(429);
		assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
		assertThat((String) JsonPath.read(limited.getContentAsString(), "$.type")).isEqualTo("urn:zdash:problem:rate-limited");
		assertThat(call(this.write, get("/api/v1/instances")).getStatus()).as("per token").isEqualTo(200);
		this.clock.advance(java.time.Duration.ofSeconds(1));
		assertThat(call(this.read, get("/api/v1/instances")).getStatus()).isEqualTo(200);
	}

	@Test
	void whenTheBrowserSessionCallsTheApiThenItNeedsTheCsrfTokenToChangeAnything() throws Exception {
		assertThat(this.mvc.perform(get("/api/v1/instances").session(this.session)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		MockHttpServletResponse noCsrf = this.mvc
			.perform(json(post("/api/v1/instances"), "{\"name\":\"x\"}").session(this.session)).andReturn().getResponse();
		assertThat(noCsrf.getStatus()).isEqualTo(403);
		assertThat((String) JsonPath.read(noCsrf.getContentAsString(), "$.type")).isEqualTo("urn:zdash:problem:csrf");
		assertThat(this.mvc.perform(json(post("/api/v1/instances"), "{\"name\":\"x\"}").session(this.session).with(csrf()))
			.andReturn().getResponse().getStatus()).isEqualTo(201);
		MockHttpSession half = new MockHttpSession();
		assertThat(this.mvc.perform(get("/api/v1/instances").session(half)).andReturn().getResponse().getStatus())
			.isEqualTo(401);
	}

	@Test
	void whenASessionReadsAnInstanceTokenThenItNeedsAFreshRecheckAndA2faAccountItsSecondFactor() throws Exception {
		String id = JsonPath.read(call(this.write, json(post("/api/v1/instances"), "{\"name\":\"s\"}")).getContentAsString(),
				"$.id");
		MockHttpServletResponse fresh = this.mvc.perform(post("/api/v1/instances/" + id + "/token").session(this.session)
			.with(csrf())).andReturn().getResponse();
		assertThat(fresh.getStatus()).isEqualTo(200);
		assertThat((String) JsonPath.read(fresh.getContentAsString(), "$.token")).matches("[0-9A-F]{48}");
		assertThat(this.jdbc.sql("select detail from security_event e join account a on a.id = e.account_id "
				+ "where a.email = ? and e.type = 'INSTANCE_TOKEN_REVEALED_BY_API'").param(this.email).query(String.class).single())
			.isEqualTo("instance=" + id + " session");

		this.clock.advance(java.time.Duration.ofMinutes(30));
		MockHttpServletResponse stale = this.mvc.perform(post("/api/v1/instances/" + id + "/token").session(this.session)
			.with(csrf())).andReturn().getResponse();
		assertThat(stale.getStatus()).isEqualTo(403);
		assertThat((String) JsonPath.read(stale.getContentAsString(), "$.type")).isEqualTo("urn:zdash:problem:forbidden");

		this.clock.set(java.time.Instant.now());
		String enrolled = WebJourney.uniqueEmail();
		MockHttpSession half = this.journey.signUpAndSignIn(enrolled);
		this.journey.enableTwoFactor(half);
		MockHttpSession passwordOnly = this.journey.signIn(enrolled, WebJourney.PASSWORD);
		MockHttpServletResponse incomplete = this.mvc.perform(get("/api/v1/instances").session(passwordOnly)).andReturn()
			.getResponse();
		assertThat(incomplete.getStatus()).isEqualTo(401);
		assertThat(incomplete.getContentType()).isEqualTo("application/problem+json");
	}

	@Test
	void whenTheOldEndpointIsCalledThenItStillAnswersAndSaysItIsDeprecated() throws Exception {
		call(this.write, json(post("/api/v1/instances"), "{\"name\":\"old\"}"));
		MockHttpServletResponse old = call(this.read, get("/api/instances"));
		assertThat(old.getStatus()).isEqualTo(200);
		assertThat((List<String>) JsonPath.read(old.getContentAsString(), "$[*].name")).containsExactly("old");
		assertThat(old.getHeader("Deprecation")).isNotBlank();
		assertThat(old.getHeader("Link")).contains("/api/v1/instances");
	}

	private MockHttpServletResponse call(String token, MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private long count() {
		return this.jdbc.sql("select count(*) from instance i join account a on a.id = i.account_id where a.email = ?")
			.param(this.email).query(Long.class).single();
	}

	private long events(String type) {
		return this.jdbc.sql("select count(*) from security_event e join account a on a.id = e.account_id where a.email = ? and e.type = ?")
			.params(this.email, type).query(Long.class).single();
	}

}
