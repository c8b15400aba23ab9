package io.zdash.support;

/** A person-readable browser and system from a User-Agent header: enough to recognise one's own devices. */
public final class UserAgents {

	private UserAgents() {
	}

	/** As much of a User-Agent header as is kept with a session or a device: its first 300 characters. */
	public static String forStorage(String userAgent) {
		return (userAgent != null && userAgent.length() > 300) ? userAgent.substring(0, 300) : userAgent;
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
