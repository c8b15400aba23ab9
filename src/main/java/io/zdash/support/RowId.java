package io.zdash.support;

import java.util.Optional;

/**
 * The id of one of the account's rows from a path ({@code /security/passkeys/{id}/remove}): a made-up,
 * negative or absurd one is no row at all, answered like another account's, never an error.
 */
public final class RowId {

	private RowId() {
	}

	public static Optional<Long> parse(String id) {
		return (id != null && id.matches("[1-9]\\d{0,17}")) ? Optional.of(Long.parseLong(id)) : Optional.empty();
	}

}
