package io.zdash.twofactor;

import java.util.List;

import io.zdash.secrets.SealedValues;
import io.zdash.secrets.SecretCipher;

import org.springframework.stereotype.Component;

/** The sealed TOTP secrets, pending and active, as the key check and key rotation see them. */
@Component
class TotpSecretValues implements SealedValues {

	private final TotpApps apps;

	private final List<SealedSecretStore> stores;

	TotpSecretValues(TotpApps apps, TotpCredentials enrollments) {
		this.apps = apps;
		this.stores = List.of(apps, enrollments);
	}

	@Override
	public String description() {
		return "two-factor secrets";
	}

	@Override
	public long count() {
		return this.stores.stream().mapToLong(SealedSecretStore::count).sum();
	}

	@Override
	public void check(SecretCipher cipher) {
		this.apps.any()
			.ifPresent(stored -> cipher.open(stored.secret(), TotpSecrets.associatedData(stored.accountId())));
	}

	@Override
	public int reseal(SecretCipher cipher, long primaryKeyId, int limit) {
		int resealed = 0;
		for (SealedSecretStore store : this.stores) {
			for (SealedSecretStore.StoredSecret stored : store.sealedWithOtherKey(primaryKeyId, limit)) {
				byte[] associatedData = TotpSecrets.associatedData(stored.accountId());
				SecretCipher.Sealed fresh = cipher.seal(cipher.open(stored.secret(), associatedData), associatedData);
				resealed += store.replace(stored, fresh) ? 1 : 0;
			}
		}
		return resealed;
	}

}
