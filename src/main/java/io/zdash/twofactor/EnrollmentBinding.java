package io.zdash.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpSession;

import io.zdash.support.RandomText;
import io.zdash.support.Sha256;

/**
 * Ties a key being set up to the session that asked for it: a random value kept in the session
 * (it survives the session's new ids), of which the database stores only a hash. Another session,
 * a stolen one included, has another value, so it neither sees nor confirms this key.
 */
record EnrollmentBinding(String hash) {

	static final String SESSION_ATTRIBUTE = "ZDASH_ENROLLMENT_BINDING";

	static EnrollmentBinding of(HttpSession session) {
		Object value = session.getAttribute(SESSION_ATTRIBUTE);
		String secret = (value instanceof String kept) ? kept : null;
		if (secret == null) {
			secret = RandomText.hex(32);
			session.setAttribute(SESSION_ATTRIBUTE, secret);
		}
		return new EnrollmentBinding(Sha256.hex(secret));
	}

	boolean matches(String storedHash) {
		return storedHash != null && MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
				this.hash.getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public String toString() {
		return "EnrollmentBinding[******]";
	}

}
