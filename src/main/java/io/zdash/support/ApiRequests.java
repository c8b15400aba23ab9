package io.zdash.support;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests are the JSON API's ({@code /api/**}): they answer JSON, so what the pages show
 * around their content (banners, notices) is neither looked up nor shown for them.
 */
public final class ApiRequests {

	private ApiRequests() {
	}

	public static boolean is(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

}
