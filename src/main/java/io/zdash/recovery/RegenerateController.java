package io.zdash.recovery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountService;
import io.zdash.account.AccountSessions;
import io.zdash.account.AccountUser;
import io.zdash.support.Origin;
import io.zdash.signin.Access;
import io.zdash.signin.RequiredFactors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Regenerate" on the Security page: the password again, then a new set replaces every old code. */
@Controller
@Access(Access.Level.STEP_UP)
class RegenerateController {

	static final String NEW_CODES = "/security/recovery-codes/new";

	/** The password again. */
	record PasswordForm(String password) {

		@Override
		public String toString() {
			return "PasswordForm[password=******]";
		}

	}

	private final RecoveryCodes recoveryCodes;

	private final AccountService accounts;

	private final RequiredFactors twoFactor;

	private final AccountSessions sessions;

	private final CodesOnDisplay onDisplay;

	private final RecoveryCodeSheet sheet;

	RegenerateController(RecoveryCodes recoveryCodes, AccountService accounts, RequiredFactors twoFactor,
			AccountSessions sessions, CodesOnDisplay onDisplay, RecoveryCodeSheet sheet) {
		this.onDisplay = onDisplay;
		this.sheet = sheet;
		this.sessions = sessions;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
		this.twoFactor = twoFactor;
	}

	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.regenerateCodes")
	@PostMapping("/security/recovery-codes")
	String regenerate(@ModelAttribute PasswordForm form, @AuthenticationPrincipal AccountUser user, Origin origin,
			Model model, RedirectAttributes redirect, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		if (!this.twoFactor.hasSecondFactor(user.accountId())) {
			return "redirect:/security";
		}
		if (!this.accounts.passwordMatches(user.accountId(), form.password())) {
			redirect.addFlashAttribute("regenerateError", "recovery.regenerate.wrongPassword");
			this.accounts.passwordRecheckPauseMinutes(user.accountId())
				.ifPresent(minutes -> redirect.addFlashAttribute("regenerateWait", minutes));
			return "redirect:/security";
		}
		Optional<List<RecoveryCode>> codes = this.recoveryCodes.regenerate(user.accountId(), origin);
		if (codes.isEmpty()) {
			return "redirect:/security"; // 2FA was turned off meanwhile, in another tab or by an administrator
		}
		this.sessions.signOutOtherSessions(request, response);
		this.onDisplay.hold(request.getSession(), user.accountId(), codes.get());
		return "redirect:" + NEW_CODES;
	}

	/** The codes just generated, as long as this session holds them (reload and language switch included). */
	@GetMapping(NEW_CODES)
	String show(@AuthenticationPrincipal AccountUser user, HttpServletRequest request, Model model, Locale locale) {
		Optional<List<RecoveryCode>> codes = this.onDisplay.shown(request.getSession(), user.accountId());
		if (codes.isEmpty()) {
			return "redirect:/security";
		}
		this.sheet.addTo(model, codes.get(), user.getUsername(), locale);
		return "recovery/regenerated";
	}

}
