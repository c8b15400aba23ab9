package io.zdash.web;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** Times on pages are written as each language writes dates, always saying they are UTC. */
class DateFormatsTest {

	private static final Instant WHEN = Instant.parse("2026-12-02T13:44:59Z");

	@Test
	void whenThePageIsInEnglishThenTheDateIsIsoLikeAndSaysUtc() {
		assertThat(in(Locale.ENGLISH)).isEqualTo("2026-12-02 13:44 UTC");
	}

	@Test
	void whenThePageIsInBrazilianPortugueseThenTheDayComesFirst() {
		assertThat(in(Locale.forLanguageTag("pt-BR"))).isEqualTo("02/12/2026 13:44 UTC");
	}

	@Test
	void whenThereIsNoTimeThenNothingIsWritten() {
		assertThat(new DateFormats().utc(null)).isEmpty();
	}

	@Test
	void whenAUserAgentIsShownThenItIsABrowserAndASystem() {
		DeviceNames devices = new DeviceNames();
		String chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
		assertThat(devices.browser(chrome) + " on " + devices.system(chrome)).isEqualTo("Chrome on Linux");
	}

	private static String in(Locale locale) {
		LocaleContextHolder.setLocale(locale);
		try {
			return new DateFormats().utc(WHEN);
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}
	}

}
