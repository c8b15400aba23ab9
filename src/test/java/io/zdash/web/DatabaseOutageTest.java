package io.zdash.web;

import java.io.IOException;
import java.time.Instant;

import io.zdash.EmbeddedPostgresSupport;
import io.zdash.MutableClock;
import io.zdash.TcpProxy;
import io.zdash.WebJourney;
import io.zdash.WebTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The database goes away in the middle of sign-in: a clear 503, nobody signed in, and the app
 * recovers by itself when the database is back. PostgreSQL behind a relay the test unplugs.
 */
@WebTest
class DatabaseOutageTest {

	static TcpProxy proxy;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@DynamicPropertySource
	static void postgresBehindAProxy(DynamicPropertyRegistry registry) throws IOException {
		proxy = new TcpProxy(EmbeddedPostgresSupport.server().getPort());
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres");
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
		registry.add("spring.datasource.hikari.validation-timeout", () -> "500");
	}

	/**
	 * The database is back. Connections the outage broke are dropped by the pool as they are next
	 * used (each such use is a 503), so within a few uses the app works again by itself.
	 */
	private void reconnect() throws Exception {
		proxy.up();
		for (int attempt = 0; attempt < 40; attempt++) {
			try {
				this.jdbc.sql("select 1").query(Integer.class).single();
				return;
			}
			catch (org.springframework.dao.DataAccessException brokenConnection) {
				Thread.sleep(100);
			}
		}
		throw new AssertionError("The app did not reconnect to the database");
	}

	@AfterAll
	static void closeProxy() throws IOException {
		proxy.close();
	}

	@Test
	void whenDatabaseUnreachableDuringSignInThen503AndNobodySignedInAndItRecovers() throws Exception {
		this.clock.set(Instant.now());
		WebJourney journey = new WebJourney(this.mvc, this.clock);
		String email = WebJourney.uniqueEmail();
		journey.signUp(email);

		MockHttpSession attempt = new MockHttpSession();
		proxy.down();
		try {
			MvcResult refused = this.mvc.perform(post("/login").session(attempt).with(csrf())
				.param("email", email).param("password", WebJourney.PASSWORD)).andReturn();
			assertThat(refused.getResponse().getStatus()).isEqualTo(503);
			assertThat(refused.getResponse().getForwardedUrl()).isEqualTo("/unavailable");
			// Sessions live in the database too: every page fails closed with the same 503.
			assertThat(this.mvc.perform(get("/").session(attempt)).andReturn().getResponse().getStatus()).isEqualTo(503);
			// The balancer stops sending traffic here; the node is not restarted for it.
			assertThat(this.mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getStatus())
				.isEqualTo(503);
			assertThat(this.mvc.perform(get("/actuator/health/liveness")).andReturn().getResponse().getStatus())
				.isEqualTo(200);
		}
		finally {
			reconnect();
		}
		assertThat(this.mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		// The sign-in attempted during the outage left nobody signed in.
		assertThat(this.mvc.perform(get("/").session(attempt)).andReturn().getResponse().getStatus()).isEqualTo(302);
		MockHttpSession session = journey.signIn(email, WebJourney.PASSWORD);
		assertThat(this.mvc.perform(get("/").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void whenDatabaseGoesAwayWhileSignedInThen503NotAnError() throws Exception {
		this.clock.set(Instant.now());
		WebJourney journey = new WebJourney(this.mvc, this.clock);
		MockHttpSession session = journey.signUpAndSignIn(WebJourney.uniqueEmail());
		proxy.down();
		try {
			MvcResult page = this.mvc.perform(get("/").session(session)).andReturn();
			assertThat(page.getResponse().getStatus()).isEqualTo(503);
		}
		finally {
			reconnect();
		}
		MvcResult back = this.mvc.perform(get("/").session(session)).andReturn();
		assertThat(back.getResponse().getStatus()).isEqualTo(200);
		assertThat(Jsoup.parse(back.getResponse().getContentAsString()).select("h1").text()).isEqualTo("Instances");
	}

}
