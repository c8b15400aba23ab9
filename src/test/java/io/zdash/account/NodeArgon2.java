package io.zdash.account;

import org.springframework.security.crypto.password.PasswordEncoder;

/** For the benchmarks in another package: the node's own Argon2id encoder with its parameters. */
public final class NodeArgon2 {

	private NodeArgon2() {
	}

	/** {@link PooledArgon2Encoder} at m = 19456 KiB, t = 2, with memory for {@code concurrent} hashes. */
	public static PasswordEncoder encoder(int concurrent) {
		return new PooledArgon2Encoder(19456, 2, concurrent);
	}

}
