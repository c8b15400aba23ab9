package io.zdash.notify;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Where the request being handled came from: the connection's address and the browser's user agent. */
record RequestOrigin(String address, String userAgent) {

	private static final int MAX_USER_AGENT = 200;

	/** Empty when no request is being handled on this thread (a scheduled job, say). */
	static Optional<RequestOrigin> current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			return Optional.of(new RequestOrigin(oneLine(request.getRemoteAddr()), oneLine(request.getHeader("User-Agent"))));
		}
		return Optional.empty();
	}

	/**
	 * The user agent is typed by whoever sent the request, who may be the intruder the email warns
	 * about: it goes into the message as one short line, without line breaks that could fake text
	 * of ours below it or an extra log line.
	 */
	private static String oneLine(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String flat = value.replaceAll("\\p{Cntrl}+", " ").strip();
		return (flat.length() <= MAX_USER_AGENT) ? flat : flat.substring(0, MAX_USER_AGENT) + "…";
	}

}
