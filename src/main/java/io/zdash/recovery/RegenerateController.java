package io.zdash.recovery;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountService;
import io.zdash.account.AccountSessions;
import io.zdash.account.AccountUser;
import io.zdash.account.TwoFactorStatus;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Regenerate" on the Security page: the password again, then a new set replaces every old code. */
@Controller
class RegenerateController {

	private final RecoveryCodes recoveryCodes;

	private final AccountService accounts;

	private final TwoFactorStatus twoFactor;

	private final MessageSource messages;

	private final AccountSessions sessions;

	RegenerateController(RecoveryCodes recoveryCodes, AccountService accounts, TwoFactorStatus twoFactor,
			MessageSource messages, AccountSessions sessions) {
		this.sessions = sessions;
		this.messages = messages;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
		this.twoFactor = twoFactor;
	}

	@PostMapping("/security/recovery-codes")
	String regenerate(@RequestParam(required = false) String password, @AuthenticationPrincipal AccountUser user,
			Model model, RedirectAttributes redirect, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		if (!this.twoFactor.isEnabled(user.accountId())) {
			return "redirect:/security";
		}
		if (!this.accounts.passwordMatches(user.accountId(), password)) {
			redirect.addFlashAttribute("regenerateError", "recovery.regenerate.wrongPassword");
			return "redirect:/security";
		}
		List<RecoveryCode> codes = this.recoveryCodes.regenerate(user.accountId());
		this.sessions.signOutOtherSessions(request, response);
		RecoveryCodeSheet.addTo(model, codes,
				this.messages.getMessage("codes.file.heading", new Object[] { user.getUsername() }, locale));
		return "recovery/regenerated";
	}

}
