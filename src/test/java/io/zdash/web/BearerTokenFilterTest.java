package io.zdash.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.zdash.apitoken.BearerTokens;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Made-up tokens from one address: 401 each, until the address has sent too many; then 429. */
class BearerTokenFilterTest {

	@Test
	void whenAnAddressSendsManyWrongTokensThenItIsToldToWaitAndOthersAreNot() throws Exception {
		BearerTokens tokens = mock(BearerTokens.class);
		when(tokens.authenticate(anyString())).thenReturn(Optional.empty());
		BearerTokenFilter filter = new BearerTokenFilter(tokens, new ProblemResponses(),
				Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
		for (int i = 0; i < BearerTokenFilter.WRONG_TOKENS_AT_ONCE; i++) {
			assertThat(send(filter, "203.0.113.7").getStatus()).isEqualTo(401);
		}
		MockHttpServletResponse limited = send(filter, "203.0.113.7");
		assertThat(limited.getStatus()).isEqualTo(429);
		assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
		assertThat(send(filter, "198.51.100.2").getStatus()).as("another address").isEqualTo(401);
	}

	@Test
	void whenNoBearerTokenIsSentThenTheFilterLeavesTheRequestToTheChain() throws Exception {
		BearerTokenFilter filter = new BearerTokenFilter(mock(BearerTokens.class), new ProblemResponses(), Clock.systemUTC());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/instances");
		request.addHeader("Authorization", "Basic YTpi");
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNotNull();
	}

	private static MockHttpServletResponse send(BearerTokenFilter filter, String address) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/instances");
		request.setRemoteAddr(address);
		request.addHeader("Authorization", "Bearer zdp_" + "A".repeat(43));
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
