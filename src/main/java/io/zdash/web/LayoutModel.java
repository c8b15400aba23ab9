package io.zdash.web;

import io.zdash.signin.Factors;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the shared layout needs on every page. */
@ControllerAdvice
class LayoutModel {

	/** The navigation shows only once every factor is in: not on the code page of a half sign-in. */
	@ModelAttribute("signedIn")
	boolean signedIn(Authentication authentication) {
		return Factors.isComplete(authentication);
	}

	@ModelAttribute("isAdmin")
	boolean isAdmin(Authentication authentication) {
		return Factors.isComplete(authentication) && Factors.has(authentication, "ROLE_ADMIN");
	}

}
