package io.zdash.secrets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Start-up checks the key against every store before any store seals anything with it. */
class SecretCipherTest {

	/** A store that passes or fails its check, and notes when it is asked to seal. */
	static final class Store implements SealedValues {

		private final boolean keyFits;

		private final List<String> calls;

		private final String name;

		Store(String name, boolean keyFits, List<String> calls) {
			this.name = name;
			this.keyFits = keyFits;
			this.calls = calls;
		}

		@Override
		public String description() {
			return this.name;
		}

		@Override
		public long count() {
			return 1;
		}

		@Override
		public void check(SecretCipher cipher) {
			this.calls.add("check " + this.name);
			if (!this.keyFits) {
				throw new IllegalStateException("A stored secret cannot be decrypted with the configured key");
			}
		}

		@Override
		public void sealClear(SecretCipher cipher) {
			this.calls.add("seal " + this.name);
		}

		@Override
		public int reseal(SecretCipher cipher, long primaryKeyId, int limit) {
			return 0;
		}

	}

	@Test
	void whenTheKeyFailsAnyStoresCheckThenNoStoreSealsAnything(@TempDir Path dir) {
		SecretKeys keys = new SecretKeys(new CryptoProperties(null, dir.resolve("keyset.json")), List.of());
		List<String> calls = new ArrayList<>();
		// The store with clear values comes first, as instance tokens may: it must not seal yet.
		List<SealedValues> stores = List.of(new Store("instance tokens", true, calls),
				new Store("two-factor secrets", false, calls));
		assertThatIllegalStateException().isThrownBy(() -> new SecretCipher(keys, stores));
		assertThat(calls).containsExactly("check instance tokens", "check two-factor secrets");
	}

	@Test
	void whenEveryCheckPassesThenEachStoreSealsItsClearValuesAfterAllChecks(@TempDir Path dir) {
		SecretKeys keys = new SecretKeys(new CryptoProperties(null, dir.resolve("keyset.json")), List.of());
		List<String> calls = new ArrayList<>();
		new SecretCipher(keys, List.of(new Store("a", true, calls), new Store("b", true, calls)));
		assertThat(calls).containsExactly("check a", "check b", "seal a", "seal b");
	}

	@Test
	void whenAValueIsSealedThenItOpensOnlyWithItsOwnAssociatedData(@TempDir Path dir) {
		SecretKeys keys = new SecretKeys(new CryptoProperties(null, dir.resolve("keyset.json")), List.of());
		SecretCipher cipher = new SecretCipher(keys, List.of());
		SecretCipher.Sealed sealed = cipher.seal("token".getBytes(), "instance:A".getBytes());
		assertThat(sealed.keyId()).isEqualTo(keys.primaryKeyId());
		assertThat(new String(cipher.open(sealed.ciphertext(), "instance:A".getBytes()))).isEqualTo("token");
		assertThatIllegalStateException().isThrownBy(() -> cipher.open(sealed.ciphertext(), "instance:B".getBytes()));
	}

}
