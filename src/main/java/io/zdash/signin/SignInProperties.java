package io.zdash.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long factors count, under the keys operators already use: {@code zdash.web.step-up-window}
 * (how recent the strongest factor must be for a sensitive action) and
 * {@code zdash.two-factor.sign-in-timeout} (how long a half sign-in, password right and code
 * pending, lives).
 */
@ConfigurationProperties("zdash")
record SignInProperties(@DefaultValue Web web, @DefaultValue TwoFactor twoFactor) {

	Duration stepUpWindow() {
		return this.web.stepUpWindow();
	}

	Duration signInTimeout() {
		return this.twoFactor.signInTimeout();
	}

	record Web(@DefaultValue("10m") Duration stepUpWindow) {
	}

	record TwoFactor(@DefaultValue("5m") Duration signInTimeout) {
	}

}
