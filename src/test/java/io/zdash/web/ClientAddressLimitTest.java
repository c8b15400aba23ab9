package io.zdash.web;

import io.zdash.WebTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** On top of the per-account counters, one address cannot flood the sign-in and sign-up forms. */
@WebTest
@TestPropertySource(properties = { "zdash.web.client-limit.capacity=3", "zdash.web.client-limit.refill-every=1h" })
class ClientAddressLimitTest {

	@Autowired
	MockMvc mvc;

	@Test
	void whenOneAddressPostsTooOftenThen429WhateverItClaimsInXForwardedFor() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(attempt("198.51.100.7", "192.0.2." + i).getResponse().getStatus()).isEqualTo(302);
		}
		MvcResult fourth = attempt("198.51.100.7", "192.0.2.99");
		assertThat(fourth.getResponse().getStatus()).isEqualTo(429);
		assertThat(fourth.getResponse().getHeader("Retry-After")).isNotNull();
		assertThat(attempt("198.51.100.8", "192.0.2.1").getResponse().getStatus()).isEqualTo(302);
		// An encoded spelling of the same path is not a way around the limit.
		MvcResult encoded = this.mvc.perform(post("/log%69n").with(csrf()).with(request -> {
			request.setRemoteAddr("198.51.100.7");
			return request;
		}).param("email", "someone@example.com").param("password", "not the password")).andReturn();
		assertThat(encoded.getResponse().getStatus()).isIn(400, 429);
	}

	private MvcResult attempt(String address, String claimed) throws Exception {
		return this.mvc.perform(post("/login").with(csrf()).with(request -> {
			request.setRemoteAddr(address);
			request.addHeader("X-Forwarded-For", claimed);
			return request;
		}).param("email", "someone-" + claimed + "@example.com").param("password", "not the password")).andReturn();
	}

}
