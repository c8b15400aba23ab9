package io.zdash.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Converts between {@link Instant} and SQL {@code timestamp with time zone}. The PostgreSQL driver
 * cannot bind an {@code Instant}, but H2 and PostgreSQL both take an {@link OffsetDateTime}.
 */
public final class SqlTime {

	private SqlTime() {
	}

	public static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
