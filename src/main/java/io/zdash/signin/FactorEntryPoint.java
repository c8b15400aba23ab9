package io.zdash.signin;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a browser goes when a factor is missing or too old. Without it yet: its sign-in step (or,
 * when 2FA is required and not set up, the setup page). A sign-in not yet complete whose password is
 * too old (a half sign-in past its timeout, or one that must enroll first): signed out, back to the
 * password. With it, but entered too long ago for a sensitive action: the re-check
 * page, told which action it confirms, which then sends the person back to the page the action
 * came from (the Referer, sent to our own origin only).
 */
final class FactorEntryPoint implements AuthenticationEntryPoint {

	private final String factor;

	private final String signInStep;

	private final SignInSecurity signIn;

	FactorEntryPoint(String factor, String signInStep, SignInSecurity signIn) {
		this.factor = factor;
		this.signInStep = signInStep;
		this.signIn = signIn;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (Factors.has(current, Factors.TOTP_REQUIRED) && Factors.TOTP.equals(this.factor)) {
			// 2FA is required of everyone and this account has none yet: set it up before anything else.
			response.sendRedirect(request.getContextPath() + SignInRoutes.TWO_FACTOR_SETUP);
			return;
		}
		if (!Factors.isComplete(current) && expired(request)) {
			// A half sign-in, or one that must enroll first, whose password is too old: start again.
			new SecurityContextLogoutHandler().logout(request, response, current);
			response.sendRedirect(request.getContextPath() + SignInRoutes.PASSWORD_STEP + "?expired");
			return;
		}
		if (!Factors.has(current, this.factor) && !Factors.isComplete(current)) {
			// Not yet proven at sign-in. (A complete sign-in without it skipped the second step on a
			// trusted device: a sensitive action asks for the code on the re-check page, below.)
			response.sendRedirect(request.getContextPath() + this.signInStep);
			return;
		}
		UriComponentsBuilder stepUp = UriComponentsBuilder.fromPath(request.getContextPath() + SignInRoutes.STEP_UP)
			.queryParam("continue", returnPath(request));
		String action = request.getRequestURI().substring(request.getContextPath().length());
		if ("POST".equals(request.getMethod()) && this.signIn.stepUpAction(action).isPresent()) {
			// The action itself cannot be replayed by a redirect: the re-check names it, and afterwards
			// the page it came from says "you can now …" with its button focused.
			stepUp.queryParam("action", action);
		}
		String url = stepUp.build().encode().toUriString();
		response.sendRedirect(url);
	}

	/** Whether the denial was for this factor being too old (Spring Security names the errors). */
	private boolean expired(HttpServletRequest request) {
		Object errors = request.getAttribute(WebAttributes.REQUIRED_FACTOR_ERRORS);
		return errors instanceof List<?> list && list.stream()
			.anyMatch(e -> e instanceof RequiredFactorError error && error.isExpired()
					&& this.factor.equals(error.getRequiredFactor().getAuthority()));
	}

	/** The page the action came from, only if it is one of ours: never an open redirect. */
	static String returnPath(HttpServletRequest request) {
		if ("GET".equals(request.getMethod())) {
			// A page that asks for a re-check (adding an authenticator app): back to that page itself.
			return request.getRequestURI();
		}
		String referer = request.getHeader("Referer");
		if (referer != null) {
			try {
				URI uri = URI.create(referer);
				boolean sameHost = uri.getHost() == null || uri.getHost().equalsIgnoreCase(request.getServerName());
				String path = uri.getRawPath();
				if (sameHost && path != null && path.startsWith("/") && !path.startsWith("//")) {
					return path;
				}
			}
			catch (IllegalArgumentException malformed) {
				// fall through to the default
			}
		}
		return SignInRoutes.SECURITY_PAGE;
	}

}
