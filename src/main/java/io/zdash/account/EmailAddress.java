package io.zdash.account;

import java.util.Locale;
import java.util.Optional;

/**
 * Normalises a typed email (trim, lower-case) so that one mailbox maps to one account. The check is
 * deliberately loose: the only real proof of an address is mail delivered to it.
 */
public final class EmailAddress {

	/** RFC 5321 limits a forward path to 254 characters. */
	static final int MAX_LENGTH = 254;

	/** Characters RFC 5322 allows only in quoted local parts, which real mailboxes do not use. */
	private static final String FORBIDDEN = "<>()[]\\,;:\"";

	private EmailAddress() {
	}

	public static Optional<String> normalise(String input) {
		if (input == null || input.length() > 4 * MAX_LENGTH) {
			return Optional.empty();
		}
		String email = input.strip().toLowerCase(Locale.ROOT);
		int at = email.lastIndexOf('@');
		if (email.isEmpty() || email.length() > MAX_LENGTH || at < 1 || at == email.length() - 1
				|| email.indexOf('@') != at || !email.substring(at).contains(".")
				|| email.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
						|| FORBIDDEN.indexOf(c) >= 0)) {
			return Optional.empty();
		}
		return Optional.of(email);
	}

}
