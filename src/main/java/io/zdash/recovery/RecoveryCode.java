package io.zdash.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import io.zdash.support.RandomText;
import io.zdash.support.Base32;

/**
 * One recovery code: 10 random bytes (80 bits, above NIST's 64) written as 16 Base32 characters in
 * four groups, e.g. {@code ABCD-EFGH-JKMN-PQRS}. Hashing is salted SHA-256: with 80 bits of entropy a
 * slow hash adds nothing, and a fast one lets us check all ten codes of an account cheaply.
 */
public record RecoveryCode(String value) {

	static final int RANDOM_BYTES = 10;

	private static final int LENGTH = 16;

	static RecoveryCode random() {
		return new RecoveryCode(Base32.encode(RandomText.bytes(RANDOM_BYTES)));
	}

	/** Accepts what people type: any case, with or without dashes and spaces. */
	static Optional<RecoveryCode> parse(String input) {
		if (input == null || input.length() > 64) {
			return Optional.empty();
		}
		String compact = input.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
		if (compact.length() != LENGTH || !compact.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
			return Optional.empty();
		}
		return Optional.of(new RecoveryCode(compact));
	}

	/** The readable form shown to people. */
	public String grouped() {
		return String.join("-", this.value.substring(0, 4), this.value.substring(4, 8), this.value.substring(8, 12),
				this.value.substring(12, 16));
	}

	String hash(byte[] salt) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(salt);
			return Base64.getEncoder().encodeToString(digest.digest(this.value.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	@Override
	public String toString() {
		return "RecoveryCode[****]";
	}

}
