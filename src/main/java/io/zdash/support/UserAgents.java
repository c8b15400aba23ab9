package io.zdash.support;

/** A person-readable browser and system from a User-Agent header: enough to recognise one's own devices. */
public final class UserAgents {

	private UserAgents() {
	}

	public static String browser(String userAgent) {
		String ua = (userAgent != null) ? userAgent : "";
		if (ua.contains("Edg/")) {
			return "Edge";
		}
		if (ua.contains("OPR/") || ua.contains("Opera")) {
			return "Opera";
		}
		if (ua.contains("Firefox/")) {
			return "Firefox";
		}
		if (ua.contains("Chrome/") || ua.contains("Chromium/")) {
			return "Chrome";
		}
		if (ua.contains("Safari/")) {
			return "Safari";
		}
		return ua.isBlank() ? "?" : "Browser";
	}

	public static String system(String userAgent) {
		String ua = (userAgent != null) ? userAgent : "";
		if (ua.contains("Android")) {
			return "Android";
		}
		if (ua.contains("iPhone") || ua.contains("iPad")) {
			return "iOS";
		}
		if (ua.contains("Windows")) {
			return "Windows";
		}
		if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
			return "macOS";
		}
		if (ua.contains("Linux") || ua.contains("X11")) {
			return "Linux";
		}
		return "?";
	}

}
