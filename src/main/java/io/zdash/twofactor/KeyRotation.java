package io.zdash.twofactor;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code --rotate-keys}: adds a new primary key to the key file, then re-encrypts every stored
 * secret with it, a hundred rows at a time. Running nodes keep working throughout: the old key stays
 * in the keyset, so both old and new ciphertexts open, and nodes reload the changed key file. Each
 * row is replaced only if unchanged since it was read, so a concurrent sign-in never loses a write.
 */
@Component
class KeyRotation implements ApplicationRunner {

	static final String OPTION = "rotate-keys";

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private final SecretKeys keys;

	private final SecretCipher cipher;

	private final TotpCredentials credentials;

	KeyRotation(SecretKeys keys, SecretCipher cipher, TotpCredentials credentials) {
		this.keys = keys;
		this.cipher = cipher;
		this.credentials = credentials;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (args.containsOption(OPTION)) {
			int count = rotate();
			log.info("Key rotation done: {} two-factor secrets re-encrypted with key {}", count, this.keys.primaryKeyId());
		}
	}

	/** @return how many secrets were re-encrypted */
	int rotate() {
		this.keys.addPrimaryKey();
		long primary = this.keys.primaryKeyId();
		int total = 0;
		for (TotpCredentials.Store store : TotpCredentials.Store.values()) {
			int batch;
			do {
				batch = 0;
				for (TotpCredentials.StoredSecret stored : this.credentials.sealedWithOtherKey(store, primary, 100)) {
					SecretCipher.Sealed sealed = this.cipher.seal(stored.accountId(),
							this.cipher.open(stored.accountId(), stored.secret()));
					batch += this.credentials.replaceSecret(store, stored, sealed) ? 1 : 0;
				}
				total += batch;
			}
			while (batch > 0);
		}
		return total;
	}

}
