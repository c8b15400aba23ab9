package io.zdash.account;

import io.zdash.signin.Access;
import io.zdash.signin.Factors;
import io.zdash.signin.SignInRoutes;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The password step's page; Spring Security's form login processes the POST. */
@Controller
class LoginController {

	@GetMapping(SignInRoutes.PASSWORD_STEP)
	@Access(Access.Level.PUBLIC)
	String login(Authentication authentication) {
		// Someone fully signed in has nothing to do here; a half-signed-in person may start over.
		return Factors.isComplete(authentication) ? "redirect:/" : "account/login";
	}

}
