package io.zdash.signin;

import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * A port for features that have something to show once, right after a complete sign-in (before
 * the page first asked for): the two-factor check-up, for one. The first that answers wins.
 */
public interface AfterSecondStep {

	/** @return the path of the page to show now, or empty */
	Optional<String> pageAfter(Authentication signedIn);

}
