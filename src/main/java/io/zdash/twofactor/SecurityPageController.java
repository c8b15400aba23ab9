package io.zdash.twofactor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.zdash.account.AccountService;
import io.zdash.account.AccountSessions;
import io.zdash.account.AccountUser;
import io.zdash.account.PasswordPolicy;
import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvents;
import io.zdash.recovery.CodesOnDisplay;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.signin.Access;
import io.zdash.signin.SessionFactors;
import io.zdash.signin.SignInRoutes;
import io.zdash.signin.TwoFactorPolicy;
import io.zdash.support.PageNumber;
import io.zdash.passkey.Passkeys;
import io.zdash.trusteddevice.TrustedDeviceList;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Security page with its Two-Factor Authentication card, and turning 2FA off. */
@Controller
class SecurityPageController {

	/**
	 * "Turn off": the password, and a code from the app or a recovery code. Text far longer than
	 * either could be is refused before anything is checked or counted.
	 */
	record DisableForm(@Size(max = 4 * PasswordPolicy.MAX_LENGTH) String password, @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "DisableForm[password=******, code=******]";
		}

	}

	private final TwoFactorService twoFactor;

	private final RecoveryCodes recoveryCodes;

	private final AccountService accounts;

	private final SessionFactors sessionFactors;

	private final SecurityEvents events;

	private final TwoFactorPolicy policy;

	private final AccountSessions accountSessions;

	private final CodesOnDisplay codesOnDisplay;

	private final TrustedDeviceList trustedDevices;

	private final Passkeys passkeys;

	private final AuthenticatorApps apps;

	SecurityPageController(TwoFactorService twoFactor, RecoveryCodes recoveryCodes, AccountService accounts,
			SessionFactors sessionFactors, AccountSessions accountSessions, SecurityEvents events,
			TwoFactorPolicy policy, CodesOnDisplay codesOnDisplay, TrustedDeviceList trustedDevices, Passkeys passkeys,
			AuthenticatorApps apps) {
		this.apps = apps;
		this.trustedDevices = trustedDevices;
		this.passkeys = passkeys;
		this.codesOnDisplay = codesOnDisplay;
		this.events = events;
		this.policy = policy;
		this.twoFactor = twoFactor;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
		this.sessionFactors = sessionFactors;
		this.accountSessions = accountSessions;
	}

	@GetMapping(SignInRoutes.SECURITY_PAGE)
	@Access(Access.Level.SIGNED_IN)
	String security(@AuthenticationPrincipal AccountUser user, @RequestParam(defaultValue = "0") String page,
			HttpServletRequest request, Model model) {
		request.getSession().removeAttribute(SessionFactors.USED_RECOVERY_CODE);
		// Back on the Security page: recovery codes just shown are done with.
		this.codesOnDisplay.release(request.getSession());
		model.addAttribute("recoveryCodesLeft", null);
		return page(user, model, request, PageNumber.parse(page));
	}

	@PostMapping("/security/two-factor/disable")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.disableTwoFactor")
	String disable(@Valid @ModelAttribute DisableForm form, BindingResult binding, @AuthenticationPrincipal AccountUser user,
			Origin origin, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		// Every answer is a redirect to the Security page (post/redirect/get): a reload or a change
		// of language never resubmits the password and code.
		if (!this.twoFactor.isEnrolled(user.accountId())) {
			return "redirect:/security";
		}
		if (this.policy.requiredFrom().isPresent()) {
			redirect.addFlashAttribute("disableError", "security.disable.required");
			return "redirect:/security";
		}
		// Password first: a recovery code alone must never remove the second factor (NIST 800-63B).
		boolean passwordOk = !binding.hasErrors() && this.accounts.passwordMatches(user.accountId(), form.password());
		// No app to type a code from: the fresh re-check (a key that verified its user) stands for it.
		boolean keysOnly = !this.apps.any(user.accountId());
		if (!passwordOk || !(keysOnly ? this.apps.turnOffWithKeysOnly(user.accountId(), origin)
				: this.twoFactor.disable(user.accountId(), form.code(), origin))) {
			redirect.addFlashAttribute("disableError", "security.disable.error");
			this.accounts.passwordRecheckPauseMinutes(user.accountId())
				.ifPresent(minutes -> redirect.addFlashAttribute("disableWait", minutes));
			return "redirect:/security";
		}
		this.sessionFactors.unenrolled(request, response);
		this.accountSessions.signOutOtherSessions(request, response);
		redirect.addFlashAttribute("notice", "security.notice.disabled");
		return "redirect:/security";
	}

	private String page(AccountUser user, Model model, HttpServletRequest request, int eventsPage) {
		model.addAttribute("events", this.events.forAccount(user.accountId(), eventsPage));
		model.addAttribute("sessions", this.accountSessions.list(user, request));
		if (this.twoFactor.isEnrolled(user.accountId())) {
			// Only an account with a second factor has one to skip.
			model.addAttribute("trustedDevices", this.trustedDevices.list(user, request));
			model.addAttribute("rememberDays", this.policy.trustedDeviceDays());
		}
		model.addAttribute("passkeys", this.passkeys.of(user.accountId()));
		model.addAttribute("apps", this.apps.of(user.accountId()));
		model.addAttribute("enabledSince", this.twoFactor.enabledSince(user.accountId()).orElse(null));
		model.addAttribute("recoveryCodesRemaining", this.recoveryCodes.remaining(user.accountId()));
		// From the database, the source of truth after an email change; the principal is a copy.
		model.addAttribute("email", this.accounts.emailOf(user.accountId()).orElse(user.getUsername()));
		return "twofactor/security";
	}

}
