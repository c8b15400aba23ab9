package io.zdash.instance;

import java.nio.charset.StandardCharsets;

import io.zdash.secrets.SecretCipher;

import org.springframework.stereotype.Component;

/**
 * Seals and opens instance API tokens with the keyset of all secrets at rest. The instance id is
 * the associated data, so a sealed token copied onto another instance's row does not open.
 */
@Component
class InstanceTokens {

	private final SecretCipher cipher;

	InstanceTokens(SecretCipher cipher) {
		this.cipher = cipher;
	}

	SecretCipher.Sealed seal(String instanceId, String token) {
		return seal(this.cipher, instanceId, token);
	}

	/** The row's token in clear: opened, or as an earlier version stored it. */
	String of(InstanceRepository.Row row) {
		return open(this.cipher, row);
	}

	static SecretCipher.Sealed seal(SecretCipher cipher, String instanceId, String token) {
		return cipher.seal(token.getBytes(StandardCharsets.US_ASCII), associatedData(instanceId));
	}

	static String open(SecretCipher cipher, InstanceRepository.Row row) {
		// A clear token wins: this version always empties it when sealing, so one is there only if a
		// node of the previous release wrote it (a rotation during a rolling upgrade), and it is newer.
		if (row.clearToken() != null) {
			return row.clearToken();
		}
		return new String(cipher.open(row.sealedToken(), associatedData(row.id())), StandardCharsets.US_ASCII);
	}

	private static byte[] associatedData(String instanceId) {
		return ("zdash-instance-v1:" + instanceId).getBytes(StandardCharsets.US_ASCII);
	}

}
