package io.zdash.secrets;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code --rotate-keys}: adds a new primary key to the key file, then re-seals every stored value
 * (two-factor secrets, instance tokens) with it, a hundred rows at a time. Running nodes keep
 * working throughout: the old key stays in the keyset, so both old and new ciphertexts open, and
 * nodes reload the changed key file. Each row is replaced only if unchanged since it was read, so
 * a concurrent sign-in never loses a write.
 */
@Component
public class KeyRotation implements ApplicationRunner {

	public static final String OPTION = "rotate-keys";

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private final SecretKeys keys;

	private final SecretCipher cipher;

	private final List<SealedValues> stored;

	KeyRotation(SecretKeys keys, SecretCipher cipher, List<SealedValues> stored) {
		this.keys = keys;
		this.cipher = cipher;
		this.stored = stored;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (args.containsOption(OPTION)) {
			int count = rotate();
			log.info("Key rotation done: {} sealed values re-sealed with key {}", count, this.keys.primaryKeyId());
		}
	}

	/** @return how many values were re-sealed */
	public int rotate() {
		this.keys.addPrimaryKey();
		long primary = this.keys.primaryKeyId();
		int total = 0;
		for (SealedValues values : this.stored) {
			int count = 0;
			int batch;
			do {
				batch = values.reseal(this.cipher, primary, 100);
				count += batch;
			}
			while (batch > 0);
			log.info("Re-sealed {} {}", count, values.description());
			total += count;
		}
		return total;
	}

}
