package io.zdash.passkey;

import org.springframework.security.web.webauthn.api.Bytes;

/**
 * What {@link PasskeyCeremony} made of a key's signature: either {@code verified} or
 * {@code refusal}; {@code owner} is whose key was refused, once that is known.
 */
record Outcome(Verified verified, Refusal refusal, Long owner) {

	/** A checked answer: whose key; {@code userVerified}: the key checked a PIN or biometric this time. */
	record Verified(long accountId, Bytes credentialId, boolean userVerified) {
	}

	static Outcome refused(Refusal refusal) {
		return new Outcome(null, refusal, null);
	}

}
