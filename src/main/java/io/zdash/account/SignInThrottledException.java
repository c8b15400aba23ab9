package io.zdash.account;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** The password step refused to check anything: too many recent failures for this email or address. */
public class SignInThrottledException extends AuthenticationException {

	private final transient Duration retryAfter;

	public SignInThrottledException(Duration retryAfter) {
		super("Too many attempts");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
