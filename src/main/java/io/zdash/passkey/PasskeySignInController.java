package io.zdash.passkey;

import io.zdash.signin.Access;
import io.zdash.signin.SignInRoutes;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A passwordless sign-in that was refused. The sign-in filter checks {@code POST /login/with-passkey}
 * and, when the passkey is good, signs the browser in; what reaches this handler is a refusal (or a
 * browser already signed in), and the sign-in page says so without telling why.
 */
@Controller
class PasskeySignInController {

	@PostMapping(SignInRoutes.PASSKEY_SIGN_IN)
	@Access(value = Access.Level.PUBLIC, limitedPerAddress = true)
	String refused() {
		return "redirect:" + SignInRoutes.PASSWORD_STEP + "?passkeyRefused";
	}

}
