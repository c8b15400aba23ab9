package io.zdash.twofactor;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountService;
import io.zdash.account.AccountUser;
import io.zdash.account.SignInFactors;
import io.zdash.support.Backoff;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The re-check page of step-up: before a sensitive action, a person whose code (or, without 2FA,
 * password) is older than the window enters it again, then goes back to the page they came from.
 */
@Controller
class StepUpController {

	private final TwoFactorService twoFactor;

	private final AccountService accounts;

	private final SessionFactors sessionFactors;

	StepUpController(TwoFactorService twoFactor, AccountService accounts, SessionFactors sessionFactors) {
		this.twoFactor = twoFactor;
		this.accounts = accounts;
		this.sessionFactors = sessionFactors;
	}

	@GetMapping("/security/confirm")
	String page(@RequestParam(name = "continue", required = false) String next, Authentication authentication,
			Model model) {
		return show(next, authentication, model);
	}

	@PostMapping("/security/confirm")
	String confirm(@RequestParam(name = "continue", required = false) String next,
			@RequestParam(required = false) String code, @RequestParam(required = false) String password,
			@AuthenticationPrincipal AccountUser user, Authentication authentication, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (!SignInFactors.has(authentication, SignInFactors.TOTP_ENROLLED)) {
			if (this.accounts.passwordMatches(user.accountId(), password)) {
				this.sessionFactors.grantPassword(request, response);
				return "redirect:" + safe(next);
			}
			model.addAttribute("error", "confirm.error.password");
			return show(next, authentication, model);
		}
		Optional<OneTimeCode> totp = OneTimeCode.parse(code);
		SecondFactorResult result = totp.isPresent() ? this.twoFactor.verifySignIn(user.accountId(), totp.get())
				: this.twoFactor.signInWithRecoveryCode(user.accountId(), code);
		switch (result) {
			case ACCEPTED -> {
				this.sessionFactors.grantCode(request, response);
				return "redirect:" + safe(next);
			}
			case THROTTLED, START_OVER -> {
				java.time.Duration wait = this.twoFactor.waitFor(user.accountId());
				Backoff.tooManyRequests(response, wait);
				model.addAttribute("minutes", Backoff.minutes(wait));
				return "throttled";
			}
			case BLOCKED -> model.addAttribute("error", "totp.error.blocked");
			case MALFORMED -> model.addAttribute("error", "confirm.error.format");
			default -> model.addAttribute("error", "totp.error.wrong");
		}
		return show(next, authentication, model);
	}

	private String show(String next, Authentication authentication, Model model) {
		model.addAttribute("next", safe(next));
		model.addAttribute("withCode", SignInFactors.has(authentication, SignInFactors.TOTP_ENROLLED));
		return "twofactor/confirm";
	}

	/** Only a path of this site: never an open redirect. */
	static String safe(String next) {
		if (next == null || next.length() > 200 || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
				|| next.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
			return "/security";
		}
		return next;
	}

}
