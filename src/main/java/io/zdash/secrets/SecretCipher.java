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
		stored.forEach(values -> values.startUp(this));
	}

	public Sealed seal(byte[] plaintext, byte[] associatedData) {
		try {
			byte[] ciphertext = this.keys.aead().encrypt(plaintext, associatedData);
			return new Sealed(Base64.getEncoder().encodeToString(ciphertext), this.keys.primaryKeyId());
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
