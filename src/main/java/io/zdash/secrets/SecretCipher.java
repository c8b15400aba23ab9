package io.zdash.secrets;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Seals and opens secrets at rest with the keyset's AES-256-GCM. Each feature passes associated
 * data naming what the value belongs to (an account, an instance), so a ciphertext copied onto
 * another row does not open. At start-up every {@link SealedValues} checks the key and seals what
 * an earlier version left in clear, before any request is served.
 */
@Component
public class SecretCipher {

	/** A sealed value as stored: Base64 ciphertext and the id of the key that sealed it. */
	public record Sealed(String ciphertext, long keyId) {

		@Override
		public String toString() {
			return "Sealed[keyId=" + this.keyId + "]";
		}

	}

	private final SecretKeys keys;

	public SecretCipher(SecretKeys keys, List<SealedValues> stored) {
		this.keys = keys;
		// All checks first: a wrong key must stop the start before any store seals anything with it.
		stored.forEach(values -> values.check(this));
		stored.forEach(values -> values.sealClear(this));
	}

	public Sealed seal(byte[] plaintext, byte[] associatedData) {
		try {
			// One snapshot of the keyset: a reload in between must not tag the ciphertext with another key.
			SecretKeys.Primary primary = this.keys.primary();
			byte[] ciphertext = primary.aead().encrypt(plaintext, associatedData);
			return new Sealed(Base64.getEncoder().encodeToString(ciphertext), primary.keyId());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not seal a secret", ex);
		}
	}

	public byte[] open(String ciphertext, byte[] associatedData) {
		try {
			return this.keys.aead().decrypt(Base64.getDecoder().decode(ciphertext), associatedData);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A stored secret cannot be decrypted with the configured key", ex);
		}
	}

}
