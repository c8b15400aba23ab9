package io.zdash.signin;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.support.Origin;
import io.zdash.support.Sha256;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.UrlPathHelper;

/**
 * The factor steps as Spring Security authentication filters: the second sign-in step
 * ({@code POST /login/totp}, {@code /login/recovery}) and the step-up re-check
 * ({@code POST /security/confirm}). Each turns the form into a {@link FactorAttempt} for the
 * providers, and on success Spring's filter (with its multi-factor merge on) adds the proven factor
 * to those the session already has, gives the session a new id and saves it. They run after the
 * authorization rules, so only a request allowed on that route is checked at all. A refusal goes on
 * down the chain to the same route's controller, with the {@link FactorRefused} as a request
 * attribute, and the controller shows the page that explains it.
 */
final class FactorFilters {

	private static final UrlPathHelper PATHS = new UrlPathHelper();

	private FactorFilters() {
	}

	static Filter secondStep(AuthenticationManager manager, TrustedSignIn ends) {
		AuthenticationConverter converter = request -> {
			Authentication current = SecurityContextHolder.getContext().getAuthentication();
			if (!Factors.awaitsSecondFactor(current)) {
				return null;
			}
			String path = PATHS.getPathWithinApplication(request);
			if (SignInRoutes.KEY_STEP.equals(path)) {
				return new FactorAttempt(current.getPrincipal(), FactorAttempt.Kind.KEY, request.getParameter("credential"),
						Origin.of(request), sessionKey(request), request);
			}
			FactorAttempt.Kind kind = SignInRoutes.CODE_STEP.equals(path) ? FactorAttempt.Kind.APP_CODE
					: FactorAttempt.Kind.RECOVERY_CODE;
			return new FactorAttempt(current.getPrincipal(), kind, request.getParameter("code"), Origin.of(request),
					sessionKey(request), request);
		};
		AuthenticationFilter filter = filter(manager, converter, SignInRoutes.CODE_STEP, SignInRoutes.RECOVERY_STEP,
				SignInRoutes.KEY_STEP);
		ToSavedPage toSavedPage = new ToSavedPage();
		filter.setSuccessHandler(new Finished((request, response, authentication) -> {
			if (SignInRoutes.RECOVERY_STEP.equals(PATHS.getPathWithinApplication(request))) {
				request.getSession().setAttribute(SessionFactors.USED_RECOVERY_CODE, Boolean.TRUE);
			}
			else {
				ends.rememberIfAsked(authentication, request, response);
			}
			java.util.Optional<String> first = ends.pageAfterSecondStep(authentication);
			if (first.isPresent()) {
				response.sendRedirect(request.getContextPath() + first.get());
				return;
			}
			toSavedPage.onAuthenticationSuccess(request, response, authentication);
		}));
		return new RefusalsToController(filter);
	}

	static Filter stepUp(AuthenticationManager manager) {
		AuthenticationConverter converter = request -> {
			Authentication current = SecurityContextHolder.getContext().getAuthentication();
			if (!Factors.isComplete(current)) {
				return null;
			}
			// The account's strongest factor: any second factor when 2FA is on, else the password.
			boolean enrolled = Factors.has(current, Factors.TOTP_ENROLLED);
			if (enrolled && request.getParameter("credential") != null) {
				return new FactorAttempt(current.getPrincipal(), FactorAttempt.Kind.KEY_RECHECK,
						request.getParameter("credential"), Origin.of(request), sessionKey(request), request);
			}
			return enrolled
					? new FactorAttempt(current.getPrincipal(), FactorAttempt.Kind.SECOND_FACTOR,
							request.getParameter("code"), Origin.of(request), sessionKey(request), request)
					: new FactorAttempt(current.getPrincipal(), FactorAttempt.Kind.PASSWORD,
							request.getParameter("password"), Origin.of(request), sessionKey(request), request);
		};
		AuthenticationFilter filter = filter(manager, converter, SignInRoutes.STEP_UP);
		// Granted: on to the route's controller, which sends the person back to the page, saying what
		// they can do now (a flash message needs Spring MVC, which a filter is before).
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		return new RefusalsToController(filter);
	}

	/**
	 * A sign-in with a passkey alone ({@code POST /login/with-passkey}), from a browser not signed in.
	 * On success, {@code signedIn} does what the password step's success does (the session's
	 * description, its sign-in key, the device cookie) and goes on to the page first asked for.
	 */
	static Filter passkeySignIn(AuthenticationManager manager, AuthenticationSuccessHandler signedIn) {
		AuthenticationConverter converter = request -> {
			Authentication current = SecurityContextHolder.getContext().getAuthentication();
			if (current != null && current.isAuthenticated()
					&& !(current instanceof org.springframework.security.authentication.AnonymousAuthenticationToken)) {
				return null;
			}
			return new FactorAttempt(null, FactorAttempt.Kind.PASSKEY_SIGN_IN, request.getParameter("credential"),
					Origin.of(request), null, request);
		};
		AuthenticationFilter filter = filter(manager, converter, SignInRoutes.PASSKEY_SIGN_IN);
		filter.setSuccessHandler(new Finished(signedIn));
		return new RefusalsToController(filter);
	}

	/** The sign-in's own key (not the session id, which changes with each factor), hashed; or null. */
	private static String sessionKey(HttpServletRequest request) {
		jakarta.servlet.http.HttpSession session = request.getSession(false);
		Object key = (session != null) ? session.getAttribute(SessionFactors.SIGN_IN_KEY) : null;
		return (key instanceof String text) ? Sha256.hex(text) : null;
	}

	private static AuthenticationFilter filter(AuthenticationManager manager, AuthenticationConverter converter,
			String... paths) {
		AuthenticationFilter filter = new AuthenticationFilter(manager, converter);
		PathPatternRequestMatcher.Builder post = PathPatternRequestMatcher.withDefaults();
		filter.setRequestMatcher(new OrRequestMatcher(Arrays.stream(paths)
			.map(path -> (RequestMatcher) post.matcher(HttpMethod.POST, path))
			.toList()));
		filter.setMfaEnabled(true);
		filter.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
		// A fresh copy: Spring's manager hangs the attempt, what was typed included, on the exception.
		filter.setFailureHandler((request, response, failure) -> request.setAttribute(FactorRefused.ATTRIBUTE,
				(failure instanceof FactorRefused refused)
						? new FactorRefused(refused.result(), refused.waitFor(), refused.clockOffset())
						: new FactorRefused(FactorResult.REJECTED)));
		return filter;
	}

	/**
	 * A success that answers the request itself (a redirect): Spring's filter would otherwise go on
	 * down the chain after it, as suits a token sent with every request.
	 */
	private record Finished(AuthenticationSuccessHandler handler) implements AuthenticationSuccessHandler {

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
				Authentication authentication) throws IOException, ServletException {
			this.handler.onAuthenticationSuccess(request, response, authentication);
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws IOException, ServletException {
			this.handler.onAuthenticationSuccess(request, response, authentication);
		}

	}

}
