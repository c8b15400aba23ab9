package io.zdash.trusteddevice;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseCookie;

/**
 * The trusted-device cookie: {@code ID.SECRET}, 32 hex digits and 43 Base64url characters (256
 * bits). Over HTTPS its name has the {@code __Host-} prefix, which browsers only accept from a secure
 * page, for the whole site (so no other path or subdomain can plant or shadow it); only that name is
 * read then. HttpOnly, SameSite=Strict. Anything else under the name (forged, huge, malformed) is
 * no cookie at all.
 */
final class TrustedDeviceCookie {

	static final String NAME = "ZDASH_TRUSTED";

	static final String SECURE_NAME = "__Host-" + NAME;

	private static final Pattern VALUE = Pattern.compile("([0-9A-F]{32})\\.([A-Za-z0-9_-]{43})");

	/** What a browser presented: the device's id and its secret, not yet checked. */
	record Presented(String id, String secret) {

		@Override
		public String toString() {
			return "Presented[id=" + this.id + ", secret=******]";
		}

	}

	private TrustedDeviceCookie() {
	}

	static Optional<Presented> read(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		String name = name(request.isSecure());
		for (Cookie cookie : cookies) {
			String value = cookie.getValue();
			if (name.equals(cookie.getName()) && value != null && value.length() <= 80) {
				java.util.regex.Matcher m = VALUE.matcher(value);
				if (m.matches()) {
					return Optional.of(new Presented(m.group(1), m.group(2)));
				}
			}
		}
		return Optional.empty();
	}

	static ResponseCookie issue(String id, String secret, Duration lifetime, boolean secure) {
		return ResponseCookie.from(name(secure), id + "." + secret).path("/").httpOnly(true).secure(secure)
			.sameSite("Strict").maxAge(lifetime).build();
	}

	static ResponseCookie clear(boolean secure) {
		return ResponseCookie.from(name(secure), "").path("/").httpOnly(true).secure(secure).sameSite("Strict")
			.maxAge(0).build();
	}

	private static String name(boolean secure) {
		return secure ? SECURE_NAME : NAME;
	}

}
