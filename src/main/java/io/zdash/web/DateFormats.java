package io.zdash.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formats times for pages as {@code ${@dates.utc(instant)}}: in UTC, written the way the page's
 * language writes dates ({@code 2026-12-02 13:44 UTC}, {@code 02/12/2026 13:44 UTC}). Inside a
 * {@code <time datetime>} the browser's script rewrites it in the person's own time zone and keeps
 * this text as the tooltip.
 */
@Component("dates")
class DateFormats {

	private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter BRAZILIAN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String utc(Instant instant) {
		return (instant != null) ? formatFor(LocaleContextHolder.getLocale()).format(instant) : "";
	}

	static DateTimeFormatter formatFor(Locale locale) {
		return "pt".equals(locale.getLanguage()) ? BRAZILIAN : ENGLISH;
	}

}
