package io.zdash.web;

import io.zdash.WebTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** English or Brazilian Portuguese: from the browser first, then as the person chooses, remembered. */
@WebTest
class LanguageTest {

	@Autowired
	MockMvc mvc;

	@Test
	void whenBrowserPrefersPortugueseThenPagesAreInPortuguese() throws Exception {
		assertThat(heading(this.mvc.perform(get("/login").header("Accept-Language", "pt-BR,pt;q=0.9")).andReturn()))
			.isEqualTo("Entrar");
		assertThat(heading(this.mvc.perform(get("/login").header("Accept-Language", "de-DE")).andReturn()))
			.isEqualTo("Sign in");
	}

	@Test
	void whenPersonPicksALanguageThenACookieRemembersIt() throws Exception {
		MvcResult picked = this.mvc.perform(get("/login").param("lang", "pt-BR").header("Accept-Language", "en")).andReturn();
		assertThat(heading(picked)).isEqualTo("Entrar");
		jakarta.servlet.http.Cookie cookie = picked.getResponse().getCookie("zdash-lang");
		assertThat(cookie).isNotNull();
		MvcResult later = this.mvc.perform(get("/signup").cookie(cookie).header("Accept-Language", "en")).andReturn();
		assertThat(heading(later)).isEqualTo("Crie sua conta");
		assertThat(Jsoup.parse(later.getResponse().getContentAsString()).selectFirst("html").attr("lang")).isEqualTo("pt-BR");
	}

	@Test
	void whenLanguageUnknownThenEnglishAndNoError() throws Exception {
		MvcResult odd = this.mvc.perform(get("/login").param("lang", "<script>")).andReturn();
		assertThat(odd.getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void whenAPageHasAQueryThenTheLanguageLinksKeepIt() throws Exception {
		MvcResult login = this.mvc.perform(get("/login?expired&lang=en")).andReturn();
		assertThat(link(login, "pt-BR")).isEqualTo("/login?expired&lang=pt-BR");
		assertThat(link(login, "en")).isEqualTo("/login?expired&lang=en");
		MvcResult odd = this.mvc.perform(get(java.net.URI.create("/login?x=%3Cscript%3E&continue=/a%20b"))).andReturn();
		assertThat(link(odd, "pt-BR")).isEqualTo("/login?x=%3Cscript%3E&continue=/a%20b&lang=pt-BR");
	}

	@Test
	void whenAPageAnswersAPostOrAnErrorThenTheLanguageLinksLeadToAPageThatExists() throws Exception {
		MvcResult refused = this.mvc.perform(post("/signup").with(csrf()).param("email", "not an email").param("password", "x"))
			.andReturn();
		assertThat(link(refused, "pt-BR")).isEqualTo("/signup?lang=pt-BR");
		assertThat(LayoutModel.link("/x", "%zz", "en")).isEqualTo("?lang=en");
		// A refused re-check keeps its way back and the action it names.
		MockHttpSession session = new io.zdash.WebJourney(this.mvc, null).signUpAndSignIn(io.zdash.WebJourney.uniqueEmail());
		MvcResult recheck = this.mvc.perform(post("/security/confirm").session(session).with(csrf())
			.param("continue", "/").param("action", "/instances/ABC/token").param("password", "not it")).andReturn();
		assertThat(link(recheck, "pt-BR"))
			.isEqualTo("/security/confirm?continue=/&action=/instances/ABC/token&lang=pt-BR");
		MvcResult odder = this.mvc.perform(post("/security/confirm").session(session).with(csrf())
			.param("continue", "/a{b}+c&d=e").param("password", "not it")).andReturn();
		assertThat(link(odder, "en")).isEqualTo("/security/confirm?continue=/a%7Bb%7D%2Bc%26d%3De&lang=en");
	}

	private static String link(MvcResult result, String language) throws Exception {
		return Jsoup.parse(result.getResponse().getContentAsString()).select(".lang a[hreflang=" + language + "]").attr("href");
	}

	private static String heading(MvcResult result) throws Exception {
		return Jsoup.parse(result.getResponse().getContentAsString()).selectFirst("h1").text();
	}

}
