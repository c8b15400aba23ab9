package io.zdash.account;

import java.util.Optional;

import io.zdash.support.RandomText;
import io.zdash.support.Sha256;

/**
 * The secret of a link mailed to an account (an email change, a verification, a password reset):
 * a {@link RandomText#token()}. The database keeps only its SHA-256, so reading the table does not
 * give anyone a working link.
 */
record EmailChangeToken(String text, String hash) {

	static EmailChangeToken create() {
		String text = RandomText.token();
		return new EmailChangeToken(text, Sha256.hex(text));
	}

	/** The hash to look a typed token up by; empty when it cannot be one of ours. */
	static Optional<String> hashOf(String typed) {
		return RandomText.isToken(typed) ? Optional.of(Sha256.hex(typed)) : Optional.empty();
	}

	@Override
	public String toString() {
		return "EmailChangeToken[******]";
	}

}
