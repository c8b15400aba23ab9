package io.zdash.signin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring's filter ends the request after a failure handler; this one lets a refused attempt go
 * on to the route's own controller, which shows the page with what went wrong.
 */
final class RefusalsToController extends OncePerRequestFilter {

	private final AuthenticationFilter delegate;

	RefusalsToController(AuthenticationFilter delegate) {
		this.delegate = delegate;
	}

	/** One name per instance: there are two of these in the chain, and both must run. */
	@Override
	protected String getAlreadyFilteredAttributeName() {
		return this.delegate.getClass().getName() + "-" + System.identityHashCode(this) + ALREADY_FILTERED_SUFFIX;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.delegate.getRequestMatcher().matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		SecurityContext signedIn = SecurityContextHolder.getContext();
		this.delegate.doFilter(request, response, chain);
		if (request.getAttribute(FactorRefused.ATTRIBUTE) != null) {
			// Spring's filter clears the context before its failure handler; the session is still
			// signed in as it was (its stored context is untouched), and the page must know who.
			SecurityContextHolder.setContext(signedIn);
			chain.doFilter(request, response);
		}
	}

}
