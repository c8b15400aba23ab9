package io.zdash.notify;

import java.util.Optional;

import io.zdash.support.Origin;

/** Where the request that caused an email came from, as the email says it: one short line each. */
record RequestOrigin(String address, String userAgent) {

	private static final int MAX_USER_AGENT = 200;

	/** Empty when no request caused it (a scheduled job, say). */
	static Optional<RequestOrigin> of(Origin origin) {
		if (origin == null || (origin.address() == null && origin.userAgent() == null)) {
			return Optional.empty();
		}
		return Optional.of(new RequestOrigin(oneLine(origin.address()), oneLine(origin.userAgent())));
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
