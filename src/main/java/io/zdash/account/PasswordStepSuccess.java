package io.zdash.account;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.signin.ToSavedPage;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import org.springframework.stereotype.Component;

/**
 * After the right password: the session (already under its new id) notes where and when it signed
 * in, for the sessions list, and the person goes on to the page first asked for — or, with 2FA on,
 * is sent from there to the second step.
 */
@Component
public class PasswordStepSuccess implements AuthenticationSuccessHandler {

	private final ToSavedPage toSavedPage = new ToSavedPage();

	private final Clock clock;

	PasswordStepSuccess(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		AccountSessions.describe(request, this.clock.instant());
		this.toSavedPage.onAuthenticationSuccess(request, response, authentication);
	}

}
