package io.zdash;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the full-context tests that walk the pages: a fresh account email and a journey for each
 * test, with the shared clock put back to now (the context, and so the clock, outlives a test, while
 * Spring Security stamps factors with real time).
 */
@WebTest
public abstract class JourneyTest {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected JdbcClient jdbc;

	protected WebJourney journey;

	protected String email;

	@BeforeEach
	void startJourney() {
		this.clock.set(Instant.now());
		this.journey = new WebJourney(this.mvc, this.clock);
		this.email = WebJourney.uniqueEmail();
	}

}
