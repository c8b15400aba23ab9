package io.zdash.passkey;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import io.zdash.account.AccountUser;
import io.zdash.passkey.PasskeyCeremonies.Purpose;
import io.zdash.signin.Access;
import io.zdash.signin.Factors;
import io.zdash.signin.SignInRoutes;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The options a page's script hands to the browser's {@code navigator.credentials}, as JSON: to
 * create a key (Security page), to sign with one of the account's keys (second step, re-check), or
 * to sign in with any passkey (sign-in page). Each begins a ceremony of this session; the answer
 * comes back as a form, to the route that checks it.
 */
@RestController
class PasskeyOptionsController {

	private final PasskeyCeremony ceremony;

	private final Passkeys passkeys;

	private final MessageSource messages;

	PasskeyOptionsController(PasskeyCeremony ceremony, Passkeys passkeys, MessageSource messages) {
		this.messages = messages;
		this.ceremony = ceremony;
		this.passkeys = passkeys;
	}

	/** A key is a second factor beside the app's codes and the recovery codes: 2FA must be on first. */
	@PostMapping("/security/passkeys/options")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.addPasskey")
	ResponseEntity<?> toAdd(@AuthenticationPrincipal AccountUser user, Authentication authentication,
			HttpServletRequest request, Locale locale) {
		if (!Factors.has(authentication, Factors.TOTP_ENROLLED)) {
			return problem("passkey.error.twoFactorFirst", locale);
		}
		if (!this.passkeys.mayAddMore(user.accountId())) {
			return problem("passkey.error.tooMany", locale);
		}
		return json(this.ceremony.creationOptions(user.accountId(), user.getUsername(), request));
	}

	@PostMapping(SignInRoutes.KEY_STEP + "/options")
	@Access(Access.Level.SECOND_STEP)
	ResponseEntity<String> forSecondStep(@AuthenticationPrincipal AccountUser user, HttpServletRequest request) {
		return json(this.ceremony.requestOptions(Purpose.SECOND_STEP, user.accountId(), user.getUsername(), request));
	}

	@PostMapping(SignInRoutes.STEP_UP + "/passkey-options")
	@Access(Access.Level.SIGNED_IN)
	ResponseEntity<String> forStepUp(@AuthenticationPrincipal AccountUser user, HttpServletRequest request) {
		return json(this.ceremony.requestOptions(Purpose.STEP_UP, user.accountId(), user.getUsername(), request));
	}

	/**
	 * Not limited per address: it checks nothing guessable (the answer is, at its own route), and
	 * the sign-in page asks for it on every view, for passkey autofill; a limit here would spend the
	 * budget of the address's password attempts. One ceremony per session is kept, whatever the calls.
	 */
	@PostMapping(SignInRoutes.PASSKEY_SIGN_IN + "/options")
	@Access(Access.Level.PUBLIC)
	ResponseEntity<String> forSignIn(HttpServletRequest request) {
		return json(this.ceremony.requestOptions(Purpose.SIGN_IN, null, null, request));
	}

	private static ResponseEntity<String> json(String body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/** The page's script shows {@code detail}, in the page's language. */
	private ResponseEntity<ProblemDetail> problem(String messageKey, Locale locale) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, this.messages.getMessage(messageKey, null, locale)));
	}

}
