package io.zdash.twofactor;

import jakarta.servlet.http.HttpServletResponse;

import io.zdash.signin.Access;
import io.zdash.signin.FactorRefused;
import io.zdash.signin.Factors;
import io.zdash.signin.SafePath;
import io.zdash.signin.SignInRoutes;
import io.zdash.support.Backoff;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The re-check page of step-up: before a sensitive action, a person whose code (or, without 2FA,
 * password) is older than the window enters it again, then goes back to the page they came from.
 * The sign-in filter checks the POST and grants the fresh factor; a refusal comes here to be shown.
 */
@Controller
@Access(Access.Level.SIGNED_IN)
class StepUpController {

	@GetMapping(SignInRoutes.STEP_UP)
	String page(@RequestParam(name = "continue", required = false) String next, Authentication authentication,
			Model model) {
		return show(next, authentication, model);
	}

	@PostMapping(SignInRoutes.STEP_UP)
	@Access(value = Access.Level.SIGNED_IN, limitedPerAddress = true)
	String refused(@RequestParam(name = "continue", required = false) String next,
			@RequestAttribute(name = FactorRefused.ATTRIBUTE, required = false) FactorRefused refused,
			Authentication authentication, HttpServletResponse response, Model model) {
		if (refused == null) {
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
			default -> model.addAttribute("error", withCode ? "totp.error.wrong" : "confirm.error.password");
		}
		return show(next, authentication, model);
	}

	private static String show(String next, Authentication authentication, Model model) {
		model.addAttribute("next", SafePath.of(next));
		model.addAttribute("withCode", Factors.has(authentication, Factors.TOTP_ENROLLED));
		return "twofactor/confirm";
	}

}
