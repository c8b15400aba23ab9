package io.zdash.instance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zdash.secrets.SealedValues;
import io.zdash.secrets.SecretCipher;

import org.springframework.stereotype.Component;

/**
 * The sealed instance tokens, as the key check and key rotation see them. At start-up it also
 * seals the tokens an earlier version stored in clear, before any request is served; several
 * nodes starting at once seal each row once (each update checks the row is unchanged).
 */
@Component
class InstanceTokenValues implements SealedValues {

	private static final Logger log = LoggerFactory.getLogger(InstanceTokenValues.class);

	private final InstanceRepository instances;

	InstanceTokenValues(InstanceRepository instances) {
		this.instances = instances;
	}

	@Override
	public String description() {
		return "instance tokens";
	}

	@Override
	public long count() {
		return this.instances.countSealed();
	}

	@Override
	public void check(SecretCipher cipher) {
		this.instances.anySealed().ifPresent(row -> InstanceTokens.open(cipher, row));
	}

	@Override
	public void sealClear(SecretCipher cipher) {
		int sealed = 0;
		int batch;
		do {
			batch = 0;
			for (InstanceRepository.Row row : this.instances.inClear(100)) {
				batch += this.instances.reseal(row, InstanceTokens.seal(cipher, row.id(), row.clearToken())) ? 1 : 0;
			}
			sealed += batch;
		}
		while (batch > 0);
		if (sealed > 0) {
			log.info("Sealed {} instance tokens that an earlier version stored in clear", sealed);
		}
	}

	@Override
	public int reseal(SecretCipher cipher, long primaryKeyId, int limit) {
		int resealed = 0;
		for (InstanceRepository.Row row : this.instances.sealedWithOtherKey(primaryKeyId, limit)) {
			resealed += this.instances.reseal(row, InstanceTokens.seal(cipher, row.id(), InstanceTokens.open(cipher, row)))
					? 1 : 0;
		}
		return resealed;
	}

}
