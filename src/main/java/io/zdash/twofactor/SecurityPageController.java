package io.zdash.twofactor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountService;
import io.zdash.account.AccountSessions;
import io.zdash.account.AccountUser;
import io.zdash.account.TwoFactorPolicy;
import io.zdash.audit.SecurityEvents;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.support.PageNumber;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Security page with its Two-Factor Authentication card, and turning 2FA off. */
@Controller
class SecurityPageController {

	private final TwoFactorService twoFactor;

	private final RecoveryCodes recoveryCodes;

	private final AccountService accounts;

	private final SessionFactors sessionFactors;

	private final SecurityEvents events;

	private final TwoFactorPolicy policy;

	private final AccountSessions accountSessions;

	SecurityPageController(TwoFactorService twoFactor, RecoveryCodes recoveryCodes, AccountService accounts,
			SessionFactors sessionFactors, AccountSessions accountSessions, SecurityEvents events,
			TwoFactorPolicy policy) {
		this.events = events;
		this.policy = policy;
		this.twoFactor = twoFactor;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
		this.sessionFactors = sessionFactors;
		this.accountSessions = accountSessions;
	}

	@GetMapping("/security")
	String security(@AuthenticationPrincipal AccountUser user, @RequestParam(defaultValue = "0") String page,
			HttpServletRequest request, Model model) {
		request.getSession().removeAttribute(RecoveryNotice.SESSION_ATTRIBUTE);
		model.addAttribute("recoveryCodesLeft", null);
		return page(user, model, request, PageNumber.parse(page));
	}

	@PostMapping("/security/two-factor/disable")
	String disable(@RequestParam(required = false) String password, @RequestParam(required = false) String code,
			@AuthenticationPrincipal AccountUser user, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		if (!this.twoFactor.isEnabled(user.accountId())) {
			return "redirect:/security";
		}
		if (this.policy.requiredForEveryone()) {
			model.addAttribute("disableError", "security.disable.required");
			return page(user, model, request, 0);
		}
		// Password first: a recovery code alone must never remove the second factor (NIST 800-63B).
		boolean passwordOk = this.accounts.passwordMatches(user.accountId(), password);
		if (!passwordOk || !this.twoFactor.disable(user.accountId(), code)) {
			model.addAttribute("disableError", "security.disable.error");
			return page(user, model, request, 0);
		}
		this.sessionFactors.markNotEnrolled(request, response);
		this.accountSessions.signOutOtherSessions(request, response);
		redirect.addFlashAttribute("notice", "security.notice.disabled");
		return "redirect:/security";
	}

	private String page(AccountUser user, Model model, HttpServletRequest request, int eventsPage) {
		model.addAttribute("events", this.events.forAccount(user.accountId(), eventsPage));
		model.addAttribute("sessions", this.accountSessions.list(user, request));
		model.addAttribute("enabledSince", this.twoFactor.enabledSince(user.accountId()).orElse(null));
		model.addAttribute("recoveryCodesRemaining", this.recoveryCodes.remaining(user.accountId()));
		// From the database, the source of truth after an email change; the principal is a copy.
		model.addAttribute("email", this.accounts.emailOf(user.accountId()).orElse(user.getUsername()));
		return "twofactor/security";
	}

}
