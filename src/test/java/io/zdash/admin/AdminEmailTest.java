package io.zdash.admin;

import io.zdash.WebJourney;
import io.zdash.WebTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** With an administrator named in the configuration, the first account is not one. */
@WebTest
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:named-admin;DB_CLOSE_DELAY=-1",
		"zdash.admin.email=Boss@Example.com" })
class AdminEmailTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	io.zdash.MutableClock clock;

	@Test
	void whenAdminEmailConfiguredThenOnlyThatAccountAdministers() throws Exception {
		this.clock.set(java.time.Instant.now());
		WebJourney journey = new WebJourney(this.mvc, this.clock);
		MockHttpSession first = journey.signUpAndSignIn(WebJourney.uniqueEmail());
		assertThat(this.mvc.perform(get("/admin").session(first)).andReturn().getResponse().getStatus()).isEqualTo(403);
		MockHttpSession boss = journey.signUpAndSignIn("boss@example.com");
		assertThat(this.mvc.perform(get("/admin").session(boss)).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

}
