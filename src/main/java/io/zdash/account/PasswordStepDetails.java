package io.zdash.account;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.zdash.support.Origin;

/**
 * What the password step takes from its request besides the email and password: where it came
 * from, and the device cookie's tokens. Lives only for the attempt: the signed-in authentication
 * keeps the {@link Origin} alone, so no token reaches the stored session.
 */
public record PasswordStepDetails(Origin origin, List<String> deviceTokens) {

	public static PasswordStepDetails of(HttpServletRequest request) {
		return new PasswordStepDetails(Origin.of(request), DeviceCookies.presented(request));
	}

	@Override
	public String toString() {
		return "PasswordStepDetails[origin=" + this.origin + ", deviceTokens=" + this.deviceTokens.size() + "]";
	}

	static PasswordStepDetails from(Object details) {
		if (details instanceof PasswordStepDetails d) {
			return d;
		}
		return new PasswordStepDetails((details instanceof Origin o) ? o : Origin.NONE, List.of());
	}

}
