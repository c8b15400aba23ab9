package io.zdash.twofactor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * Seals and opens TOTP secrets with AES-256-GCM. The account id is the associated data, so a
 * ciphertext copied onto another account's row does not open.
 */
@Component
class SecretCipher {

	/** A sealed secret as stored: Base64 ciphertext and the id of the key that sealed it. */
	record Sealed(String ciphertext, long keyId) {

		@Override
		public String toString() {
			return "Sealed[keyId=" + this.keyId + "]";
		}

	}

	private final SecretKeys keys;

	/** Opens one stored secret at start-up: a wrong key must stop the app, not every later sign-in. */
	SecretCipher(SecretKeys keys, TotpCredentials credentials) {
		this.keys = keys;
		credentials.anyCredentialSecret().ifPresent(stored -> open(stored.accountId(), stored.secret()));
	}

	Sealed seal(long accountId, byte[] secret) {
		try {
			byte[] ciphertext = this.keys.aead().encrypt(secret, associatedData(accountId));
			return new Sealed(Base64.getEncoder().encodeToString(ciphertext), this.keys.primaryKeyId());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a two-factor secret", ex);
		}
	}

	byte[] open(long accountId, String ciphertext) {
		try {
			return this.keys.aead().decrypt(Base64.getDecoder().decode(ciphertext), associatedData(accountId));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A stored two-factor secret cannot be decrypted with the configured key", ex);
		}
	}

	private static byte[] associatedData(long accountId) {
		return ByteBuffer.allocate(16).put("zdash-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
			.putLong(accountId)
			.array();
	}

}
