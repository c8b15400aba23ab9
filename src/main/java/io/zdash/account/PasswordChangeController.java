package io.zdash.account;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.support.Origin;
import io.zdash.signin.Access;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Change password" on the Security page. Step-up has already checked a recent factor; the new
 * password meets the same policy as at sign-up; every other session of the account is signed out.
 */
@Controller
@Access(Access.Level.STEP_UP)
class PasswordChangeController {

	/** The new password; the current one was re-checked by step-up. */
	record PasswordForm(String newPassword) {

		@Override
		public String toString() {
			return "PasswordForm[newPassword=******]";
		}

	}

	private final AccountService accounts;

	private final AccountSessions sessions;

	PasswordChangeController(AccountService accounts, AccountSessions sessions) {
		this.accounts = accounts;
		this.sessions = sessions;
	}

	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.changePassword")
	@PostMapping("/security/password")
	String change(@ModelAttribute PasswordForm form, @AuthenticationPrincipal AccountUser user, Origin origin,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Optional<PasswordProblem> problem = this.accounts.changePassword(user.accountId(), form.newPassword(), origin);
		if (problem.isPresent()) {
			redirect.addFlashAttribute("passwordError", problem.get().messageKey());
			return "redirect:/security#password";
		}
		this.sessions.signOutOtherSessions(request, response);
		redirect.addFlashAttribute("notice", "password.changed");
		return "redirect:/security";
	}

}
