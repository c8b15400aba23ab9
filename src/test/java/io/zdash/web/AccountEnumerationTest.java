package io.zdash.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.zdash.WebJourney;
import io.zdash.WebTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Neither the answer nor its timing tells whether an email has an account. The timing check
 * compares medians with a wide margin: it catches a missing hash (ten times faster), not noise.
 */
@WebTest
class AccountEnumerationTest {

	private static final int ROUNDS = 15;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenEmailUnknownOrPasswordWrongThenSameAnswerAndSimilarTime() throws Exception {
		String known = WebJourney.uniqueEmail();
		this.mvc.perform(post("/signup").with(csrf()).param("email", known).param("password", WebJourney.PASSWORD));
		List<Long> unknownTimes = new ArrayList<>();
		List<Long> wrongTimes = new ArrayList<>();
		for (int i = 0; i < ROUNDS; i++) {
			// Stay below the throttle: this test is about the answer to an ordinary failure.
			this.jdbc.sql("delete from attempt_gate where kind = 'PASSWORD'").update();
			long start = System.nanoTime();
			MvcResult unknown = signIn(WebJourney.uniqueEmail(), "some password 123");
			unknownTimes.add(System.nanoTime() - start);
			start = System.nanoTime();
			MvcResult wrong = signIn(known, "some password 123");
			wrongTimes.add(System.nanoTime() - start);
			assertThat(unknown.getResponse().getStatus()).isEqualTo(wrong.getResponse().getStatus());
			assertThat(unknown.getResponse().getRedirectedUrl()).isEqualTo(wrong.getResponse().getRedirectedUrl())
				.isEqualTo("/login?error");
		}
		assertThat((double) median(unknownTimes) / median(wrongTimes)).isBetween(0.5, 2.0);
	}

	@Test
	void whenSigningUpWithATakenEmailThenSameAnswerAndSimilarTime() throws Exception {
		String taken = WebJourney.uniqueEmail();
		this.mvc.perform(post("/signup").with(csrf()).param("email", taken).param("password", WebJourney.PASSWORD));
		List<Long> freeTimes = new ArrayList<>();
		List<Long> takenTimes = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			long start = System.nanoTime();
			MvcResult free = signUp(WebJourney.uniqueEmail());
			freeTimes.add(System.nanoTime() - start);
			start = System.nanoTime();
			MvcResult again = signUp(taken);
			takenTimes.add(System.nanoTime() - start);
			assertThat(again.getResponse().getRedirectedUrl()).isEqualTo(free.getResponse().getRedirectedUrl());
		}
		assertThat((double) median(freeTimes) / median(takenTimes)).isBetween(0.5, 2.0);
	}

	private MvcResult signIn(String email, String password) throws Exception {
		return this.mvc.perform(post("/login").with(csrf()).param("email", email).param("password", password)).andReturn();
	}

	private MvcResult signUp(String email) throws Exception {
		return this.mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", "Quiet-Harbour-Lantern-58"))
			.andReturn();
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}
