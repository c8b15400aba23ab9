package io.zdash.support;

import java.io.Serial;
import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request came from: the connection's address (X-Forwarded-For only through a configured
 * trusted proxy) and the browser's user agent, as sent (each use cuts it to what it keeps). Taken once from the
 * request by whoever handles it and passed along, so that no service reaches for the request.
 * @param address null when unknown (a scheduled job, say)
 * @param userAgent null when the browser sent none
 * It is the details of the session's authentication, so it is stored with the session.
 */
public record Origin(String address, String userAgent) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** No request: a job, a command, a test. */
	public static final Origin NONE = new Origin(null, null);

	public static Origin of(HttpServletRequest request) {
		return new Origin(request.getRemoteAddr(), request.getHeader("User-Agent"));
	}

}
