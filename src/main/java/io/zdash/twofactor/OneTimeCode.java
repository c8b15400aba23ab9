package io.zdash.twofactor;

import java.util.Optional;

/**
 * A syntactically valid one-time code typed by a person: exactly six ASCII digits once spaces are
 * removed. {@code Integer.parseInt} is deliberately not used: it accepts "+12345" and non-ASCII digits.
 */
public record OneTimeCode(String digits) {

	/** Anything longer is not a typo of a code, so it is refused before any work is done. */
	private static final int MAX_INPUT_LENGTH = 32;

	public OneTimeCode {
		if (!isSixAsciiDigits(digits)) {
			throw new IllegalArgumentException("A one-time code has exactly six ASCII digits");
		}
	}

	public static Optional<OneTimeCode> parse(String input) {
		if (input == null || input.length() > MAX_INPUT_LENGTH) {
			return Optional.empty();
		}
		// Apps display "123 456"; people paste with stray spaces or no-break spaces.
		String compact = input.replaceAll("[ \\t\\u00A0\\u202F]", "").strip();
		return isSixAsciiDigits(compact) ? Optional.of(new OneTimeCode(compact)) : Optional.empty();
	}

	private static boolean isSixAsciiDigits(String value) {
		if (value == null || value.length() != 6) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		// Never let a code reach a log line through string concatenation.
		return "OneTimeCode[******]";
	}

}
