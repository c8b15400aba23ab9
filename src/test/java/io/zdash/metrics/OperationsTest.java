package io.zdash.metrics;

import io.zdash.JourneyTest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Health is public; metrics are an administrator's; counters follow the security events. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:operations;DB_CLOSE_DELAY=-1")
class OperationsTest extends JourneyTest {

	@Test
	void whenAnyoneAsksThenHealthWithLivenessAndReadinessIsUp() throws Exception {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" }) {
			MvcResult health = this.mvc.perform(get(path)).andReturn();
			assertThat(health.getResponse().getStatus()).as(path).isEqualTo(200);
			assertThat(health.getResponse().getContentAsString()).contains("\"UP\"");
		}
	}

	@Test
	void whenAdministratorAsksThenPrometheusShowsSignInsAndHashingAndOthersGetNothing() throws Exception {
		String admin = "first-" + this.email;
		MockHttpSession adminSession = this.journey.signUpAndSignIn(admin);
		MockHttpSession user = this.journey.signUpAndSignIn(this.email);
		this.journey.signIn(this.email, "a wrong password here");

		assertThat(this.mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(this.mvc.perform(get("/actuator/prometheus").session(user)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		MvcResult metrics = this.mvc.perform(get("/actuator/prometheus").session(adminSession)).andReturn();
		assertThat(metrics.getResponse().getStatus()).isEqualTo(200);
		assertThat(metrics.getResponse().getContentAsString())
			.contains("zdash_sign_in_total{factor=\"password\",outcome=\"success\"}")
			.contains("zdash_sign_in_total{factor=\"password\",outcome=\"failure\"}")
			.contains("zdash_password_hash_seconds_count")
			.contains("zdash_password_hash_refused_total")
			.doesNotContain(this.email);
	}

}
