package io.zdash.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * {@code /error} is where the container shows a failure, not a page: asked for directly (the request
 * dispatch, not the error dispatch) it does not exist, rather than answering 500 for a failure that
 * never happened.
 */
final class ErrorPathGuard extends OncePerRequestFilter {

	private static final UrlPathHelper PATHS = new UrlPathHelper();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"/error".equals(PATHS.getPathWithinApplication(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

}
