package io.zdash.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.signin.ApiAccessDenial;
import io.zdash.signin.Factors;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;

/**
 * RFC 9457 problem responses for the API chain's own refusals, where a redirect to a sign-in page
 * makes no sense. Their {@code type}s are the API's contract (docs/api.md); the texts are fixed, so
 * nothing of the request is ever echoed.
 */
final class ProblemResponses {

	static final String TYPE = "urn:zdash:problem:";

	/** No token and no signed-in session: how to authenticate, per RFC 6750. */
	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"zdash\"");
		write(response, 401, "unauthorized", "Unauthorized",
				"Send a personal access token (Authorization: Bearer zdp_...), or sign in with your password and, when 2FA is on, your second factor.");
	}

	/** A token that is not one: malformed, unknown, expired or revoked alike, so nothing tells which. */
	void invalidToken(HttpServletResponse response) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"zdash\", error=\"invalid_token\"");
		write(response, 401, "invalid-token", "Invalid token",
				"The access token is not valid: it may be mistyped, expired or revoked.");
	}

	/** A token without the route's scope names it; a session may lack a fresh re-check or a role. */
	void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex) throws IOException {
		if (!Factors.isComplete(SecurityContextHolder.getContext().getAuthentication())) {
			unauthorized(request, response, null);
			return;
		}
		if (ex instanceof CsrfException) {
			write(response, 403, "csrf", "CSRF token missing",
					"A call made with a browser session needs the page's CSRF token (header X-CSRF-TOKEN); a script should use a personal access token.");
			return;
		}
		java.util.Optional<String> scope = ApiAccessDenial.missingScope(ex);
		if (scope.isPresent()) {
			response.setHeader("WWW-Authenticate",
					"Bearer realm=\"zdash\", error=\"insufficient_scope\", scope=\"" + scope.get() + "\"");
			write(response, 403, "insufficient-scope", "Insufficient scope",
					"This request needs a token with the scope " + scope.get() + ".", "\"scope\":\"" + scope.get() + "\"");
			return;
		}
		write(response, 403, "forbidden", "Forbidden",
				"Your sign-in may not do this: it needs an administrator, or a re-check of your second factor on the Security page.");
	}

	void tooManyRequests(HttpServletResponse response, Duration wait) throws IOException {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		response.setHeader("Retry-After", Long.toString(seconds));
		write(response, 429, "rate-limited", "Too many requests",
				"Too many requests with this token, or with tokens that are not valid from this address. Try again in "
						+ seconds + " s.");
	}

	/** The database (or every hashing slot) is not there now: come back, nothing was changed. */
	void unavailable(HttpServletResponse response) throws IOException {
		response.setHeader("Retry-After", "30");
		write(response, 503, "unavailable", "Service unavailable",
				"The service cannot answer right now; nothing was changed. Try again in 30 s.");
	}

	void tooLarge(HttpServletResponse response, long limit) throws IOException {
		write(response, 413, "body-too-large", "Request body too large",
				"A request body may have at most " + limit + " bytes.");
	}

	private static void write(HttpServletResponse response, int status, String type, String title, String detail,
			String... extra) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		StringBuilder json = new StringBuilder().append("{\"type\":\"").append(TYPE).append(type).append("\",\"title\":\"")
			.append(title).append("\",\"status\":").append(status).append(",\"detail\":\"").append(detail).append('"');
		for (String field : extra) {
			json.append(',').append(field);
		}
		// Bytes, not the writer: the writer would add "charset=ISO-8859-1"; problem+json is UTF-8 by definition.
		response.getOutputStream().write(json.append('}').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
