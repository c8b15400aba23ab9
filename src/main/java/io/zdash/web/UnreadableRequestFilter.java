package io.zdash.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.GenericFilterBean;

/**
 * Outermost, on every dispatch: reads the parameters first, and when they cannot be read (invalid
 * UTF-8, a form over Tomcat's size limit) answers 400 (413 for the size) with our error page instead
 * of letting the first reader — CSRF, a locale switch, a controller — fail with a logged stack
 * trace. Anyone can send such requests, so they are logged at DEBUG only. The error page is rendered
 * with the parameters left out, since reading them would fail again.
 */
final class UnreadableRequestFilter extends GenericFilterBean {

	private static final Logger log = LoggerFactory.getLogger(UnreadableRequestFilter.class);

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		try {
			http.getParameterNames();
		}
		catch (InvalidParameterException unreadable) {
			int status = (unreadable.getErrorCode() >= 400) ? unreadable.getErrorCode() : HttpServletResponse.SC_BAD_REQUEST;
			log.debug("Refused a request whose parameters cannot be read (status {})", status);
			if (request.getDispatcherType() == DispatcherType.REQUEST) {
				HttpServletResponse answer = (HttpServletResponse) response;
				// Spring Security's header writer does not run on the error dispatch; the page needs them all the same.
				answer.setHeader("Content-Security-Policy", SecurityConfig.CONTENT_SECURITY_POLICY);
				answer.setHeader("X-Content-Type-Options", "nosniff");
				answer.setHeader("X-Frame-Options", "DENY");
				answer.setHeader("Referrer-Policy", "no-referrer");
				answer.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
				answer.sendError(status);
				return;
			}
			chain.doFilter(new WithoutParameters(http), response);
			return;
		}
		chain.doFilter(request, response);
	}

	/** The request as if it had no parameters at all. */
	private static final class WithoutParameters extends HttpServletRequestWrapper {

		WithoutParameters(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getParameter(String name) {
			return null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Map.of();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public String[] getParameterValues(String name) {
			return null;
		}

	}

}
