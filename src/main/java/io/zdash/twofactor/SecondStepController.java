package io.zdash.twofactor;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountUser;
import io.zdash.account.EmailAddress;
import io.zdash.account.TwoFactorIssuer;
import io.zdash.passkey.Passkeys;
import io.zdash.signin.Access;
import io.zdash.signin.FactorRefused;
import io.zdash.signin.FactorResult;
import io.zdash.signin.Factors;
import io.zdash.signin.SignInRoutes;
import io.zdash.signin.TwoFactorPolicy;
import io.zdash.support.Backoff;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/**
 * The pages of the second sign-in step, reached with the password factor only: a code from the
 * authenticator app, or a recovery code instead. They say which account is signing in (masked) and
 * where, and from the third wrong code in a row how many are left before a pause. The POST is
 * checked by the sign-in filter (which grants {@code FACTOR_TOTP} and goes on to the page first
 * asked for); what reaches these handlers is a refusal to explain.
 */
@Controller
@Access(Access.Level.SECOND_STEP)
class SecondStepController {

	/** From this many wrong codes in a row, the page warns before the pause. */
	static final int WARN_FROM = 3;

	private final TwoFactorIssuer issuer;

	private final SecondFactorCheck check;

	private final MessageSource messages;

	private final TwoFactorPolicy policy;

	private final Passkeys passkeys;

	private final AuthenticatorApps apps;

	SecondStepController(TwoFactorIssuer issuer, SecondFactorCheck check, MessageSource messages,
			TwoFactorPolicy policy, Passkeys passkeys, AuthenticatorApps apps) {
		this.apps = apps;
		this.passkeys = passkeys;
		this.policy = policy;
		this.issuer = issuer;
		this.check = check;
		this.messages = messages;
	}

	@GetMapping(SignInRoutes.CODE_STEP)
	String codePage(Authentication authentication, Model model, Locale locale) {
		return show("twofactor/login-totp", authentication, model, locale);
	}

	@GetMapping(SignInRoutes.RECOVERY_STEP)
	String recoveryPage(Authentication authentication, Model model, Locale locale) {
		return show("twofactor/login-recovery", authentication, model, locale);
	}

	@PostMapping(SignInRoutes.CODE_STEP)
	@Access(value = Access.Level.SECOND_STEP, limitedPerAddress = true)
	String codeRefused(@RequestAttribute(name = FactorRefused.ATTRIBUTE, required = false) FactorRefused refused,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model,
			Locale locale) {
		return explain(refused, "totp.error.wrong", "totp.error.format", "twofactor/login-totp", authentication,
				request, response, model, locale);
	}

	@PostMapping(SignInRoutes.RECOVERY_STEP)
	@Access(value = Access.Level.SECOND_STEP, limitedPerAddress = true)
	String recoveryCodeRefused(@RequestAttribute(name = FactorRefused.ATTRIBUTE, required = false) FactorRefused refused,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model,
			Locale locale) {
		return explain(refused, "recovery.error.wrong", "recovery.error.format", "twofactor/login-recovery",
				authentication, request, response, model, locale);
	}

	/** A key's signature refused: the code page again, which offers the key, the app and recovery codes. */
	@PostMapping(SignInRoutes.KEY_STEP)
	@Access(value = Access.Level.SECOND_STEP, limitedPerAddress = true)
	String keyRefused(@RequestAttribute(name = FactorRefused.ATTRIBUTE, required = false) FactorRefused refused,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model,
			Locale locale) {
		return explain(refused, "passkey.error.refused", "passkey.error.refused", "twofactor/login-totp",
				authentication, request, response, model, locale);
	}

	private String show(String page, Authentication authentication, Model model, Locale locale) {
		if (!Factors.awaitsSecondFactor(authentication) || !(authentication.getPrincipal() instanceof AccountUser user)) {
			return "redirect:/";
		}
		model.addAttribute("issuer", this.issuer.name());
		model.addAttribute("maskedEmail", EmailAddress.masked(user.getUsername()));
		// 0 when the administrator has turned trusted devices off: then the page offers no box.
		model.addAttribute("rememberDays", this.policy.trustedDeviceDays());
		model.addAttribute("hasKeys", this.passkeys.isEnrolled(user.accountId()));
		// Without an app (its keys are its second factor) the page offers no code field.
		model.addAttribute("hasApps", this.apps.any(user.accountId()));
		warning(user.accountId(), locale).ifPresent(text -> model.addAttribute("attemptsWarning", text));
		return page;
	}

	private String explain(FactorRefused refused, String wrongKey, String malformedKey, String page,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model,
			Locale locale) {
		if (refused == null) {
			// Nothing was pending: already signed in, or an account without 2FA.
			return "redirect:/";
		}
		switch (refused.result()) {
			case REJECTED, MALFORMED -> {
				if (!refused.clockOffset().isZero()) {
					// The code of another time: say what is wrong with the phone, not just "not right".
					model.addAttribute("clockWarning", clockWarning(refused.clockOffset(), this.messages, locale));
				}
				else {
					model.addAttribute("error", (refused.result() == FactorResult.REJECTED) ? wrongKey : malformedKey);
				}
				return show(page, authentication, model, locale);
			}
			case START_OVER, THROTTLED -> {
				// Back to the password step, after the wait: the count is the account's, not the session's.
				new SecurityContextLogoutHandler().logout(request, response, authentication);
				Backoff.tooManyRequests(response, refused.waitFor());
				model.addAllAttributes(Backoff.onPage(refused.waitFor()));
				model.addAttribute("recoveryHint", true);
				return "throttled";
			}
			case BLOCKED -> {
				model.addAttribute("error", "totp.error.blocked");
				return show(page, authentication, model, locale);
			}
			default -> {
				new SecurityContextLogoutHandler().logout(request, response, authentication);
				return "redirect:" + SignInRoutes.PASSWORD_STEP + "?expired";
			}
		}
	}

	/** From the third wrong code in a row: how many are left before a pause, and how long it will be. */
	private java.util.Optional<String> warning(long accountId, Locale locale) {
		int failures = this.check.consecutiveFailures(accountId);
		if (failures < WARN_FROM) {
			return java.util.Optional.empty();
		}
		int pausesAt = Backoff.FREE_FAILURES + 1;
		int left = Math.max(1, pausesAt - failures);
		String pause = describe(Backoff.after(Math.max(pausesAt, failures + 1)), locale);
		return java.util.Optional.of((failures < Backoff.FREE_FAILURES)
				? this.messages.getMessage("totp.attempts.left", new Object[] { left, pause }, locale)
				: this.messages.getMessage("totp.attempts.next", new Object[] { pause }, locale));
	}

	/** "Your phone's clock seems to be about 3 minutes behind …", for a code of an earlier time. */
	static String clockWarning(Duration offset, MessageSource messages, Locale locale) {
		long minutes = Math.max(1, Math.round(Math.abs(offset.toSeconds()) / 60.0));
		return messages.getMessage("totp.error.clock", new Object[] { minutes }, locale);
	}

	private String describe(Duration pause, Locale locale) {
		long seconds = pause.toSeconds();
		return (seconds < 60) ? this.messages.getMessage("duration.seconds", new Object[] { seconds }, locale)
				: this.messages.getMessage("duration.minutes", new Object[] { seconds / 60 }, locale);
	}

}
