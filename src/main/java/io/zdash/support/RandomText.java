package io.zdash.support;

import java.security.SecureRandom;

/** Random bytes and identifiers from one shared CSPRNG. {@link SecureRandom} is thread-safe. */
public final class RandomText {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private RandomText() {
	}

	public static byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** Upper-case hexadecimal of {@code byteCount} random bytes, the style of Z-API ids and tokens. */
	public static String hex(int byteCount) {
		byte[] bytes = bytes(byteCount);
		char[] out = new char[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
			out[2 * i + 1] = HEX[bytes[i] & 0xf];
		}
		return new String(out);
	}

}
