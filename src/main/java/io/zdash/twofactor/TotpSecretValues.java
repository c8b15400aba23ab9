package io.zdash.twofactor;

import io.zdash.secrets.SealedValues;
import io.zdash.secrets.SecretCipher;

import org.springframework.stereotype.Component;

/** The sealed TOTP secrets, pending and active, as the key check and key rotation see them. */
@Component
class TotpSecretValues implements SealedValues {

	private final TotpCredentials credentials;

	TotpSecretValues(TotpCredentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public String description() {
		return "two-factor secrets";
	}

	@Override
	public long count() {
		return this.credentials.count(TotpCredentials.Store.CREDENTIAL)
				+ this.credentials.count(TotpCredentials.Store.ENROLLMENT);
	}

	@Override
	public void check(SecretCipher cipher) {
		this.credentials.anyCredentialSecret()
			.ifPresent(stored -> cipher.open(stored.secret(), TotpSecrets.associatedData(stored.accountId())));
	}

	@Override
	public int reseal(SecretCipher cipher, long primaryKeyId, int limit) {
		int resealed = 0;
		for (TotpCredentials.Store store : TotpCredentials.Store.values()) {
			for (TotpCredentials.StoredSecret stored : this.credentials.sealedWithOtherKey(store, primaryKeyId, limit)) {
				byte[] associatedData = TotpSecrets.associatedData(stored.accountId());
				SecretCipher.Sealed fresh = cipher.seal(cipher.open(stored.secret(), associatedData), associatedData);
				resealed += this.credentials.replaceSecret(store, stored, fresh) ? 1 : 0;
			}
		}
		return resealed;
	}

}
