package io.zdash.signin;

/** Where a re-check may send the person afterwards: only a path of this site, never an open redirect. */
public final class SafePath {

	private SafePath() {
	}

	public static String of(String next) {
		if (next == null || next.length() > 200 || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
				|| next.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
			return SignInRoutes.SECURITY_PAGE;
		}
		return next;
	}

}
