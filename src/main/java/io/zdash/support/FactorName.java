package io.zdash.support;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name a person gives one of their second factors ("YubiKey 5", "Work phone"): a passkey or an
 * authenticator app, as the Security page lists them and the owner's emails name them.
 */
public final class FactorName {

	public static final int MAX_LENGTH = 64;

	/** No control characters (a line break in a name would break the list and the log). */
	private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+");

	private FactorName() {
	}

	/** The name as it will be kept (trimmed), if it is one: 1 to 64 characters, none of them control. */
	public static Optional<String> parse(String typed) {
		String trimmed = (typed != null) ? typed.strip() : "";
		return (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH || !PRINTABLE.matcher(trimmed).matches())
				? Optional.empty() : Optional.of(trimmed);
	}

}
