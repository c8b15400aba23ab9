package io.zdash.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Formats times for pages as {@code ${@dates.utc(instant)}}: UTC, unambiguous in both languages. */
@Component("dates")
class DateFormats {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String utc(Instant instant) {
		return (instant != null) ? UTC.format(instant) : "";
	}

}
