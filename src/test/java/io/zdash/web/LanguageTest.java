package io.zdash.web;

import io.zdash.WebTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

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

	private static String heading(MvcResult result) throws Exception {
		return Jsoup.parse(result.getResponse().getContentAsString()).selectFirst("h1").text();
	}

}
