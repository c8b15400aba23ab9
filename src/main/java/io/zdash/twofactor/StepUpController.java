package io.zdash.twofactor;

import io.zdash.account.AccountUser;
import io.zdash.passkey.Passkeys;

import jakarta.servlet.http.HttpServletResponse;

import io.zdash.signin.Access;
import io.zdash.signin.FactorRefused;
import io.zdash.signin.Factors;
import io.zdash.signin.SafePath;
import io.zdash.signin.SignInRoutes;
import io.zdash.signin.SignInSecurity;
import io.zdash.support.Backoff;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The re-check page of step-up: before a sensitive action, a person whose code (or, without 2FA,
 * password) is older than the window enters it again, then goes back to the page they came from,
 * which says the action can be done now. The page names the action it confirms.
 * The sign-in filter checks the POST and grants the fresh factor; a refusal comes here to be shown.
 */
@Controller
@Access(Access.Level.SIGNED_IN)
class StepUpController {

	private final SignInSecurity signIn;

	private final Passkeys passkeys;

	private final AuthenticatorApps apps;

	StepUpController(SignInSecurity signIn, Passkeys passkeys, AuthenticatorApps apps) {
		this.signIn = signIn;
		this.passkeys = passkeys;
		this.apps = apps;
	}

	@GetMapping(SignInRoutes.STEP_UP)
	String page(@RequestParam(name = "continue", required = false) String next,
			@RequestParam(name = "action", required = false) String action, Authentication authentication, Model model) {
		return show(next, action, authentication, model);
	}

	@PostMapping(SignInRoutes.STEP_UP)
	@Access(value = Access.Level.SIGNED_IN, limitedPerAddress = true)
	String refused(@RequestParam(name = "continue", required = false) String next,
			@RequestParam(name = "action", required = false) String action,
			@RequestAttribute(name = FactorRefused.ATTRIBUTE, required = false) FactorRefused refused,
			@RequestParam(name = "credential", required = false) String credential, Authentication authentication,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		if (refused == null) {
			// Confirmed: back to the page, which says what can be done now and focuses its button.
			this.signIn.stepUpAction(action).ifPresent(named -> {
				redirect.addFlashAttribute("confirmedAction", named);
				redirect.addFlashAttribute("focusAction", action);
			});
			return "redirect:" + SafePath.of(next);
		}
		boolean withCode = Factors.has(authentication, Factors.TOTP_ENROLLED);
		switch (refused.result()) {
			case THROTTLED, START_OVER -> {
				// The password re-check too: a right password during a pause is not called wrong.
				Backoff.tooManyRequests(response, refused.waitFor());
				model.addAllAttributes(Backoff.onPage(refused.waitFor()));
				return "throttled";
			}
			case BLOCKED -> model.addAttribute("error", "totp.error.blocked");
			case MALFORMED -> model.addAttribute("error", withCode ? "confirm.error.format" : "confirm.error.password");
			default -> model.addAttribute("error", (credential != null) ? "passkey.error.refused"
					: withCode ? "totp.error.wrong" : "confirm.error.password");
		}
		return show(next, action, authentication, model);
	}

	private String show(String next, String action, Authentication authentication, Model model) {
		this.signIn.stepUpAction(action).ifPresent(named -> {
			model.addAttribute("action", action);
			model.addAttribute("actionName", named);
		});
		model.addAttribute("next", SafePath.of(next));
		model.addAttribute("withCode", Factors.has(authentication, Factors.TOTP_ENROLLED));
		AccountUser user = (authentication.getPrincipal() instanceof AccountUser signedIn) ? signedIn : null;
		model.addAttribute("hasKeys", user != null && this.passkeys.verifiesUser(user.accountId()));
		// An account whose second factors are keys: the code field takes a recovery code only.
		model.addAttribute("hasApps", user == null || this.apps.any(user.accountId()));
		return "twofactor/confirm";
	}

}
