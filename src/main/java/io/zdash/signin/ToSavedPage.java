package io.zdash.signin;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * After a sign-in step: on to the page first asked for, else the dashboard — by its path and query
 * only. Spring's saved request is a full URL built from the Host header of the request that asked,
 * which whoever sends it chooses; a path stays on this site.
 */
public final class ToSavedPage implements AuthenticationSuccessHandler {

	private final RequestCache requests = new HttpSessionRequestCache();

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		SavedRequest saved = this.requests.getRequest(request, response);
		String target = "/";
		if (saved != null) {
			this.requests.removeRequest(request, response);
			target = pathOf(saved.getRedirectUrl());
		}
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		}
		response.sendRedirect(request.getContextPath().isEmpty() || target.startsWith(request.getContextPath())
				? target : request.getContextPath() + target);
	}

	/** The path and query of a URL, or the dashboard when it has none worth following. */
	static String pathOf(String url) {
		try {
			URI uri = URI.create(url);
			String path = uri.getRawPath();
			if (path == null || !path.startsWith("/") || path.startsWith("//")) {
				return "/";
			}
			return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
		}
		catch (IllegalArgumentException malformed) {
			return "/";
		}
	}

}
