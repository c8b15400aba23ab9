package io.zdash.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.SignInThrottledException;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Where a failed password step goes: one message for an unknown email and a wrong password
 * ({@code /login?error}), "too many attempts" (429) when throttled, and "try again later" (503) when
 * the database cannot be reached — then nobody is signed in.
 */
final class SignInFailureHandler implements AuthenticationFailureHandler {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof SignInThrottledException throttled) {
			ErrorPages.tooManyAttempts(request, response, throttled.retryAfter());
		}
		else if (ErrorPages.isTemporaryFailure(exception)) {
			ErrorPages.unavailable(request, response);
		}
		else {
			response.sendRedirect(request.getContextPath() + "/login?error");
		}
	}

}
