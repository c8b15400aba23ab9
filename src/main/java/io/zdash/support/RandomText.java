package io.zdash.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Random bytes and identifiers from one shared CSPRNG. {@link SecureRandom} is thread-safe. */
public final class RandomText {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private RandomText() {
	}

	public static byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/**
	 * 256 random bits as URL-safe Base64 without padding: exactly 43 characters matching
	 * {@link #isToken}. The secret of every link and cookie that carries one.
	 */
	public static String token() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
	}

	/** Whether {@code text} has the shape of a {@link #token()}: anything else cannot be one of ours. */
	public static boolean isToken(String text) {
		return text != null && TOKEN.matcher(text).matches();
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
