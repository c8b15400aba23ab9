package io.zdash.twofactor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.zdash.secrets.SecretCipher;

import org.springframework.stereotype.Component;

/**
 * Seals and opens TOTP secrets. The account id is the associated data, so a ciphertext copied onto
 * another account's row does not open.
 */
@Component
class TotpSecrets {

	private final SecretCipher cipher;

	TotpSecrets(SecretCipher cipher) {
		this.cipher = cipher;
	}

	SecretCipher.Sealed seal(long accountId, byte[] secret) {
		return this.cipher.seal(secret, associatedData(accountId));
	}

	byte[] open(long accountId, String ciphertext) {
		return this.cipher.open(ciphertext, associatedData(accountId));
	}

	/** The same bytes as every earlier version, so secrets sealed then still open. */
	static byte[] associatedData(long accountId) {
		return ByteBuffer.allocate(16).put("zdash-v1".getBytes(StandardCharsets.US_ASCII)).putLong(accountId).array();
	}

}
