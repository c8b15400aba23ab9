package io.zdash.twofactor;

import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://totp/...} key URI that authenticator apps scan. Parameters are the only ones
 * every app honours (SHA1, 6 digits, 30 s); the issuer is both the label prefix (shown by Microsoft
 * Authenticator) and a parameter (used by Google Authenticator).
 */
record OtpAuthUri(String issuer, String accountName, String base32Secret) {

	String value() {
		return "otpauth://totp/" + encode(this.issuer, false) + ":" + encode(this.accountName, true) + "?secret="
				+ this.base32Secret + "&issuer=" + encode(this.issuer, false) + "&algorithm=SHA1&digits=6&period=30";
	}

	/**
	 * RFC 3986 percent-encoding of UTF-8 bytes. Unlike {@code URLEncoder} (form encoding), a space
	 * becomes %20, never '+', which apps would show literally; '+' in an email becomes %2B.
	 * @param allowAt '@' is a legal path character, and apps show labels like alice@example.com as is
	 */
	static String encode(String text, boolean allowAt) {
		StringBuilder out = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || (allowAt && c == '@')) {
				out.append(c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
			}
		}
		return out.toString();
	}

	@Override
	public String toString() {
		return "OtpAuthUri[issuer=" + this.issuer + ", secret=******]";
	}

}
