package io.zdash.account;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zdash.support.RandomText;
import io.zdash.support.Sha256;

/**
 * The secret of a link mailed to an account (an email change, a verification, a password reset):
 * 256 random bits, URL-safe Base64 without padding. The
 * database keeps only its SHA-256, so reading the table does not give anyone a working link.
 */
record EmailChangeToken(String text, String hash) {

	private static final int BYTES = 32;

	/** 32 bytes in URL-safe Base64 without padding are exactly 43 characters of this alphabet. */
	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

	static EmailChangeToken create() {
		String text = Base64.getUrlEncoder().withoutPadding().encodeToString(RandomText.bytes(BYTES));
		return new EmailChangeToken(text, Sha256.hex(text));
	}

	/** The hash to look a typed token up by; empty when it cannot be one of ours. */
	static Optional<String> hashOf(String typed) {
		return (typed != null && SHAPE.matcher(typed).matches()) ? Optional.of(Sha256.hex(typed)) : Optional.empty();
	}

	@Override
	public String toString() {
		return "EmailChangeToken[******]";
	}

}
