package io.zdash.web;

import java.net.http.HttpResponse;

import io.zdash.HttpJourney;
import io.zdash.ServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind HTTPS the session cookie is Secure with the __Host- prefix. */
@ServerTest
@TestPropertySource(properties = "zdash.web.https=true")
class HttpsCookieTest {

	@LocalServerPort
	int port;

	@Test
	void whenServedOverHttpsThenSessionCookieIsSecureWithHostPrefix() throws Exception {
		HttpResponse<String> page = new HttpJourney(this.port).get("/login");
		String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("__Host-SESSION="))
			.findFirst().orElseThrow();
		assertThat(cookie).contains("Secure").contains("HttpOnly").contains("Path=/").doesNotContain("Domain=");
	}

}
