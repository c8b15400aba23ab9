package io.zdash.signin;

import java.io.Serial;
import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A factor that was not accepted, with why and, when a wait is imposed, how long it lasts. */
public final class FactorRefused extends AuthenticationException {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The request attribute under which a refused attempt reaches the route's controller. */
	public static final String ATTRIBUTE = "ZDASH_FACTOR_REFUSED";

	private final FactorResult result;

	private final Duration wait;

	private final Duration clockOffset;

	public FactorRefused(FactorResult result, Duration wait) {
		this(result, wait, Duration.ZERO);
	}

	/** @param clockOffset how far off the person's device clock seems (positive: ahead), zero if not */
	public FactorRefused(FactorResult result, Duration wait, Duration clockOffset) {
		super("Factor refused: " + result);
		this.result = result;
		this.wait = wait;
		this.clockOffset = clockOffset;
	}

	public FactorRefused(FactorResult result) {
		this(result, Duration.ZERO);
	}

	public FactorResult result() {
		return this.result;
	}

	/** How far off the device's clock seems, for a wrong code that would fit another time; zero if not. */
	public Duration clockOffset() {
		return this.clockOffset;
	}

	/** How long until the next attempt is even checked; zero when none is imposed. */
	public Duration waitFor() {
		return this.wait;
	}

}
