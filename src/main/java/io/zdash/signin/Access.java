package io.zdash.signin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may reach a handler, declared on the controller (class or method; the method wins). The
 * security chain is built from these ({@link RouteRules}), and a test fails for any handler of the
 * application without one, so a new route cannot silently skip step-up.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface Access {

	Level value();

	/** A POST that checks something guessable (a password, a code): also limited per client address. */
	boolean limitedPerAddress() default false;

	/**
	 * For an action that may ask for a re-check (step-up, an administrator's change): the message key
	 * that names it ({@code stepup.action.*}), so the re-check page says what it confirms and, after
	 * it, the page says "you can now …" with the action's button focused. A test requires one on
	 * every such POST.
	 */
	String confirms() default "";

	/**
	 * For a JSON API route ({@code /api/v1/**}): the scope a personal access token needs for it, such
	 * as {@code instances:read}. A token has no other rule (it cannot re-check a factor); a browser
	 * session is held to the route's {@link #value()}. A test requires one on every API route.
	 */
	String scope() default "";

	enum Level {

		/** Anyone, signed in or not. */
		PUBLIC,
		/** The second sign-in step: the password factor, entered within the half-sign-in timeout. */
		SECOND_STEP,
		/**
		 * Setting up an authenticator: the password entered within the step-up window, the page that
		 * creates the key included; the password alone is enough (someone who must enroll has nothing
		 * else yet).
		 */
		ENROLLMENT,
		/** A complete sign-in: every factor the account needs. */
		SIGNED_IN,
		/** A complete sign-in whose strongest factor was entered within the step-up window. */
		STEP_UP,
		/** An administrator's complete sign-in; any change also needs step-up. */
		ADMIN

	}

}
