package io.zdash.passkey;

import org.springframework.security.web.webauthn.api.CredentialRecord;

/**
 * What {@link PasskeyCeremony} made of a browser's new key: either a checked {@code key}, not yet
 * stored ({@link Passkeys#add} stores it), or a {@code refusal}.
 */
record Registration(CredentialRecord key, Refusal refusal) {

	static Registration refused(Refusal refusal) {
		return new Registration(null, refusal);
	}

}
