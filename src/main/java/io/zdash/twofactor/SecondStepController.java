package io.zdash.twofactor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.signin.Access;
import io.zdash.signin.FactorRefused;
import io.zdash.signin.FactorResult;
import io.zdash.signin.Factors;
import io.zdash.signin.SignInRoutes;
import io.zdash.support.Backoff;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/**
 * The pages of the second sign-in step, reached with the password factor only: a code from the
 * authenticator app, or a recovery code instead. The POST is checked by the sign-in filter (which
 * grants {@code FACTOR_TOTP} and goes on to the page first asked for); what reaches these handlers
 * is a refusal to explain.
 */
@Controller
@Access(Access.Level.SECOND_STEP)
class SecondStepController {

	@GetMapping(SignInRoutes.CODE_STEP)
	String codePage(Authentication authentication) {
		return Factors.awaitsSecondFactor(authentication) ? "twofactor/login-totp" : "redirect:/";
	}

	@GetMapping(SignInRoutes.RECOVERY_STEP)
	String recoveryPage(Authentication authentication) {
		return Factors.awaitsSecondFactor(authentication) ? "twofactor/login-recovery" : "redirect:/";
	}

	@PostMapping(SignInRoutes.CODE_STEP)
	@Access(value = Access.Level.SECOND_STEP, limitedPerAddress = true)
	String codeRefused(@RequestAttribute(name = FactorRefused.ATTRIBUTE, required = false) FactorRefused refused,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
		return explain(refused, "totp.error.wrong", "totp.error.format", "twofactor/login-totp", authentication,
				request, response, model);
	}

	@PostMapping(SignInRoutes.RECOVERY_STEP)
	@Access(value = Access.Level.SECOND_STEP, limitedPerAddress = true)
	String recoveryCodeRefused(@RequestAttribute(name = FactorRefused.ATTRIBUTE, required = false) FactorRefused refused,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
		return explain(refused, "recovery.error.wrong", "recovery.error.format", "twofactor/login-recovery",
				authentication, request, response, model);
	}

	private static String explain(FactorRefused refused, String wrongKey, String malformedKey, String page,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
		if (refused == null) {
			// Nothing was pending: already signed in, or an account without 2FA.
			return "redirect:/";
		}
		switch (refused.result()) {
			case REJECTED, MALFORMED -> {
				model.addAttribute("error", (refused.result() == FactorResult.REJECTED) ? wrongKey : malformedKey);
				return page;
			}
			case START_OVER, THROTTLED -> {
				// Back to the password step, after the wait: the count is the account's, not the session's.
				new SecurityContextLogoutHandler().logout(request, response, authentication);
				Backoff.tooManyRequests(response, refused.waitFor());
				model.addAllAttributes(Backoff.onPage(refused.waitFor()));
				return "throttled";
			}
			case BLOCKED -> {
				model.addAttribute("error", "totp.error.blocked");
				return page;
			}
			default -> {
				new SecurityContextLogoutHandler().logout(request, response, authentication);
				return "redirect:" + SignInRoutes.PASSWORD_STEP + "?expired";
			}
		}
	}

}
