package io.zdash.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A typed yyyy-MM-dd date as the start of that day in UTC, as the security log's filters take it. */
public final class UtcDay {

	private UtcDay() {
	}

	/** Empty for anything that is not such a date (too long, malformed, impossible). */
	public static Optional<Instant> parse(String text) {
		if (text == null || text.length() != 10) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
