package io.zdash.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.zdash.account.AccountSessions;
import io.zdash.account.AccountUser;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session, on the server, when it outlived its absolute lifetime (12 h by default, however
 * active it was) or when its account signed out its other sessions. The request then goes on as
 * anonymous, so the person lands on the sign-in page.
 */
final class SessionValidityFilter extends OncePerRequestFilter {

	private final AccountSessions sessions;

	private final Duration lifetime;

	private final Clock clock;

	SessionValidityFilter(AccountSessions sessions, Duration lifetime, Clock clock) {
		this.sessions = sessions;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		boolean tooOld = session != null && this.clock.millis() - session.getCreationTime() > this.lifetime.toMillis();
		boolean superseded;
		try {
			superseded = authentication != null && authentication.getPrincipal() instanceof AccountUser user
					&& !this.sessions.isCurrent(user);
		}
		catch (DataAccessException | org.springframework.transaction.TransactionException ex) {
			// Cannot tell whether the session is still valid: fail closed, and say so.
			ErrorPages.unavailable(request, response);
			return;
		}
		if (tooOld || superseded) {
			new SecurityContextLogoutHandler().logout(request, response, authentication);
		}
		chain.doFilter(request, response);
	}

}
