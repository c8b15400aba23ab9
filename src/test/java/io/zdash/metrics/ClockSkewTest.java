package io.zdash.metrics;

import java.time.Duration;

import io.zdash.JourneyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** A node's clock is compared with the database's: exported, shown to administrators, warned about. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:clockskew;DB_CLOSE_DELAY=-1")
class ClockSkewTest extends JourneyTest {

	@Autowired
	ClockSkew skew;

	@Test
	void whenTheNodeClockRunsAheadThenTheMetricTheReadinessAndTheLogSaySo(CapturedOutput output) throws Exception {
		MockHttpSession admin = this.journey.signUpAndSignIn("first-" + this.email);
		int mark = output.getAll().length();
		this.skew.measure();
		assertThat(Math.abs(this.skew.seconds())).as("in step with the database").isLessThan(2);
		assertThat(output.getAll().substring(mark)).doesNotContain("This node's clock is");

		this.clock.advance(Duration.ofSeconds(40));
		this.skew.measure();
		assertThat(this.skew.seconds()).isBetween(38.0, 42.0);
		assertThat(output.getAll().substring(mark)).containsPattern("This node's clock is (39|40|41) s ahead of the database's");
		assertThat(this.skew.health().getDetails()).containsKey("skewSeconds");
		String metrics = this.mvc.perform(get("/actuator/prometheus").session(admin)).andReturn().getResponse()
			.getContentAsString();
		assertThat(metrics).containsPattern("zdash_clock_skew_seconds(\\{[^}]*\\})? (39|40|41)\\.");
		// Public readiness: up, and no details for strangers.
		String readiness = this.mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getContentAsString();
		assertThat(readiness).contains("\"UP\"").doesNotContain("skewSeconds");
		String forAdmin = this.mvc.perform(get("/actuator/health/readiness").session(admin)).andReturn().getResponse()
			.getContentAsString();
		assertThat(forAdmin).contains("clockSkew").contains("skewSeconds");
	}

}
