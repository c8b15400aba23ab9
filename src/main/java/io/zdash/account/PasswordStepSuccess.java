package io.zdash.account;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.signin.Factors;
import io.zdash.signin.SessionFactors;
import io.zdash.signin.SignInRoutes;
import io.zdash.signin.ToSavedPage;
import io.zdash.signin.TrustedSignIn;
import io.zdash.support.RandomText;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import org.springframework.stereotype.Component;

/**
 * After the right password: the session (already under its new id) notes where and when it signed
 * in, for the sessions list, it gets its sign-in key ({@link SessionFactors#SIGN_IN_KEY}), the
 * browser gets a new device cookie for the account (its wrong passwords are then its own, see
 * {@link DeviceCookies}), and the person goes on to the page first asked for — or, with 2FA on,
 * straight to the second step (the page first asked for comes after it), unless the browser is a
 * trusted device of the account.
 */
@Component
public class PasswordStepSuccess implements AuthenticationSuccessHandler {

	private final ToSavedPage toSavedPage = new ToSavedPage();

	private final Clock clock;

	private final DeviceCookies deviceCookies;

	private final TrustedSignIn trustedSignIn;

	private final AccountService accounts;

	PasswordStepSuccess(Clock clock, DeviceCookies deviceCookies, TrustedSignIn trustedSignIn, AccountService accounts) {
		this.accounts = accounts;
		this.clock = clock;
		this.deviceCookies = deviceCookies;
		this.trustedSignIn = trustedSignIn;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		AccountSessions.describe(request, this.clock.instant());
		request.getSession().setAttribute(SessionFactors.SIGN_IN_KEY, RandomText.hex(32));
		if (authentication.getPrincipal() instanceof AccountUser user) {
			this.accounts.rememberLanguage(user.accountId(), language(request));
			response.addHeader(HttpHeaders.SET_COOKIE, this.deviceCookies
				.renew(DeviceCookies.presented(request), user.accountId(), request.isSecure())
				.toString());
			// A passkey alone is a complete sign-in: no trusted device stands in for anything then.
			if (!Factors.isComplete(authentication)
					&& this.trustedSignIn.completeIfTrusted(user.accountId(), request, response)) {
				java.util.Optional<String> page = this.trustedSignIn
					.pageAfterSecondStep(SecurityContextHolder.getContext()
						.getAuthentication());
				if (page.isPresent()) {
					response.sendRedirect(request.getContextPath() + page.get());
					return;
				}
			}
		}
		// The context's, not the argument: a trusted device has completed the sign-in meanwhile.
		if (Factors.awaitsSecondFactor(SecurityContextHolder.getContext().getAuthentication())) {
			// Straight to the second step: the page first asked for would only send the browser there,
			// a request later. Its saved request stays for after the second step.
			request.getSession().removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
			response.sendRedirect(request.getContextPath() + SignInRoutes.CODE_STEP);
			return;
		}
		this.toSavedPage.onAuthenticationSuccess(request, response, authentication);
	}

	/** The page's language: the one picked with the language links (their cookie), else the browser's. */
	private static java.util.Locale language(HttpServletRequest request) {
		if (request.getCookies() != null) {
			for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
				if ("zdash-lang".equals(cookie.getName()) && cookie.getValue() != null) {
					return java.util.Locale.forLanguageTag(cookie.getValue());
				}
			}
		}
		return request.getLocale();
	}

}
