package io.zdash.account;

/** Every password-hashing slot stayed busy for the whole queue timeout: try again shortly (503). */
public class HashingBusyException extends RuntimeException {

	public HashingBusyException() {
		super("Password hashing is at capacity");
	}

}
