package io.zdash.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The growing waits, and the page and the Retry-After header saying the same wait. */
class BackoffTest {

	@Test
	void whenFailuresGrowThenTheWaitDoublesUpToAnHour() {
		assertThat(Backoff.after(4)).isZero();
		assertThat(Backoff.after(5)).isEqualTo(Duration.ofSeconds(30));
		assertThat(Backoff.after(6)).isEqualTo(Duration.ofMinutes(1));
		assertThat(Backoff.after(100)).isEqualTo(Duration.ofMinutes(60));
	}

	@Test
	void whenTheWaitIsUnderAMinuteThenThePageSaysTheSecondsOfRetryAfter() {
		for (Duration wait : new Duration[] { Duration.ofMillis(1200), Duration.ofSeconds(30), Duration.ofMillis(58_500) }) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			Backoff.tooManyRequests(response, wait);
			assertThat(Backoff.onPage(wait).get("seconds")).as(wait.toString())
				.isEqualTo(Long.parseLong(response.getHeader("Retry-After")));
		}
		assertThat(Backoff.onPage(Duration.ofMinutes(2))).containsEntry("minutes", 2L).doesNotContainKey("seconds");
	}

}
