package io.zdash.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;

/**
 * A port for a browser that stands in for the second factor at sign-in ("don't ask for a code on
 * this device"), implemented by the trusted-devices feature. A browser it vouches for gets
 * {@link Factors#TRUSTED_DEVICE}, which completes the sign-in but never counts for step-up.
 */
public interface DeviceTrust {

	/** The second step's check box: "don't ask for a code on this device". */
	String REMEMBER = "remember";

	/**
	 * Right after the right password of an account that needs its second factor. @return whether
	 * this browser is a trusted device of that account now; if so, it has been given a new secret
	 */
	boolean vouchesFor(Authentication passwordOnly, HttpServletRequest request, HttpServletResponse response);

	/** Right after a second step passed with {@link #REMEMBER} ticked: trust this browser. */
	void remember(Authentication signedIn, HttpServletRequest request, HttpServletResponse response);

}
