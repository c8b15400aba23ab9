package io.zdash.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.zdash.ServerTest;
import io.zdash.SessionCookieJar;
import io.zdash.WebJourney;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Redirects never carry the request's Host header: whoever sends it chooses it. */
@ServerTest
@AutoConfigureMockMvc
@Import(SessionCookieJar.class)
class HostHeaderTest {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Test
	void whenTheHostHeaderIsForeignThenTheRedirectToSignInStaysOnThisSite() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /security HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String head = new String(in.readNBytes(2048), StandardCharsets.ISO_8859_1);
			assertThat(head).startsWith("HTTP/1.1 302").contains("\r\nLocation: /login").doesNotContain("evil.example");
		}
	}

	@Test
	void whenTheSavedPageWasAskedForWithAForeignHostThenSignInReturnsToItOnThisSite() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", WebJourney.PASSWORD));
		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(get("/security").session(session).with(request -> {
			request.setServerName("evil.example");
			return request;
		}));
		MvcResult signedIn = this.mvc.perform(post("/login").session(session).with(csrf())
			.param("email", email).param("password", WebJourney.PASSWORD)).andReturn();
		assertThat(signedIn.getResponse().getRedirectedUrl()).startsWith("/security").doesNotContain("evil.example");
	}

}
