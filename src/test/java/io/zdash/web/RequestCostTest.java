package io.zdash.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zdash.JourneyTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work every request paid for nothing, kept out (BENCHMARKS.md): links looked up on the class path
 * as if they were versioned static files, and an observation around each Spring Security filter.
 */
class RequestCostTest extends JourneyTest {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ObservationRegistry observations;

	@Test
	void whenPagesAreRenderedThenTheirLinksAreNotResolvedAsStaticResources() throws Exception {
		assertThat(this.context.getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
		assertThat(this.journey.page("/login", new org.springframework.mock.web.MockHttpSession())
			.select("link[rel=stylesheet]").attr("href")).startsWith("/css/");
	}

	@Test
	void whenTheSecurityFiltersRunThenEachIsNotObservedOnItsOwn() {
		assertThat(Observation.createNotStarted("spring.security.filterchains", this.observations).isNoop()).isTrue();
		assertThat(Observation.createNotStarted("http.server.requests", this.observations).isNoop()).isFalse();
	}

}
