package io.zdash.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.zdash.JourneyTest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The API's OpenAPI 3.1 description: generated from the controllers, served to signed-in people,
 * every operation with its scope and problems; and the committed {@code docs/openapi.json} is the
 * generated one. After a change to the API, run this test with {@code -Dopenapi.write=true} to
 * write the new description, and commit it.
 */
class ApiDescriptionTest extends JourneyTest {

	static final Path COMMITTED = Path.of("docs/openapi.json");

	@Test
	void whenTheApiChangesThenTheCommittedDescriptionIsUpdatedWithIt() throws Exception {
		String generated = description();
		if (Boolean.getBoolean("openapi.write")) {
			Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
		}
		JsonMapper json = JsonMapper.builder().build();
		JsonNode committed = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
		assertThat(json.readTree(generated))
			.as("docs/openapi.json is out of date: run ApiDescriptionTest with -Dopenapi.write=true and commit it")
			.isEqualTo(committed);
	}

	@Test
	void whenTheDescriptionIsReadThenEveryOperationNamesItsScopeAndProblems() throws Exception {
		String description = description();
		assertThat((String) JsonPath.read(description, "$.openapi")).startsWith("3.1");
		Map<String, Map<String, Object>> paths = JsonPath.read(description, "$.paths");
		assertThat(paths.keySet()).contains("/api/v1/instances", "/api/v1/instances/{id}", "/api/v1/instances/{id}/token",
				"/api/v1/instances/{id}/token/rotate", "/api/v1/account/two-factor", "/api/v1/account/security-log",
				"/api/v1/admin/accounts", "/api/instances");
		paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
			String where = method + " " + path;
			assertThat((String) JsonPath.read(operation, "$.description")).as(where).contains("Scope: `");
			assertThat((List<Object>) JsonPath.read(operation, "$.security")).as(where).isNotEmpty();
			Map<String, Object> responses = JsonPath.read(operation, "$.responses");
			assertThat(responses).as(where).containsKeys("401", "403", "429");
			assertThat((String) JsonPath.read(operation, "$.responses.401.content['application/problem+json'].schema.$ref"))
				.as(where).isEqualTo("#/components/schemas/Problem");
		}));
		assertThat((Boolean) JsonPath.read(description, "$.paths./api/instances.get.deprecated")).isTrue();
		assertThat(description).doesNotContain("/security/tokens").doesNotContain("\"/login");
	}

	@Test
	void whenNobodyIsSignedInThenTheDescriptionIsNotServed() throws Exception {
		assertThat(this.mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(this.mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse().getStatus()).isEqualTo(302);
	}

	private String description() throws Exception {
		MockHttpSession session = this.journey.signUpAndSignIn(this.email);
		MockHttpServletResponse response = this.mvc.perform(get("/v3/api-docs").session(session)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

}
