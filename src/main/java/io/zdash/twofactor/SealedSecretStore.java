package io.zdash.twofactor;

import java.util.List;
import java.util.Optional;

import io.zdash.secrets.SecretCipher;

/**
 * A table of sealed TOTP secrets (pending enrollments, active apps), as the key check at start-up
 * and key rotation ({@link TotpSecretValues}) go through it.
 */
interface SealedSecretStore {

	/** A sealed secret as stored: {@code row} is its row's key; the account is the associated data. */
	record StoredSecret(long row, long accountId, String secret) {

		@Override
		public String toString() {
			return "StoredSecret[row=" + this.row + ", account=" + this.accountId + "]";
		}

	}

	long count();

	Optional<StoredSecret> any();

	/** Up to {@code limit} secrets not sealed with key {@code keyId}, in row order. */
	List<StoredSecret> sealedWithOtherKey(long keyId, int limit);

	/** Replaces a sealed secret only if it is unchanged since it was read (a sign-in may race it). */
	boolean replace(StoredSecret old, SecretCipher.Sealed fresh);

}
