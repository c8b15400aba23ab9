package io.zdash.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost filter: when the database cannot be reached even to load or save the session (which
 * happens before and after Spring Security), answer the 503 page rather than an error. Nobody is
 * signed in by a request that failed here.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!ErrorPages.isTemporaryFailure(ex)) {
				throw ex;
			}
			respond(request, response);
		}
	}

	private static void respond(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		if (!response.isCommitted()) {
			response.reset();
			ErrorPages.unavailable(request, response);
		}
	}

}
