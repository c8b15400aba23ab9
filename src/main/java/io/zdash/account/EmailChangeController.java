package io.zdash.account;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.support.Origin;
import io.zdash.signin.Access;
import io.zdash.signin.Factors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Change email" on the Security page (step-up has already checked a recent factor), and the link
 * from the confirmation email that makes the change.
 */
@Controller
class EmailChangeController {

	/** The address to move to. */
	record EmailForm(String newEmail) {
	}

	private final EmailChanges changes;

	private final AccountSessions sessions;

	EmailChangeController(EmailChanges changes, AccountSessions sessions) {
		this.changes = changes;
		this.sessions = sessions;
	}

	@PostMapping("/security/email")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.changeEmail")
	String request(@ModelAttribute EmailForm form, @AuthenticationPrincipal AccountUser user, Origin origin,
			RedirectAttributes redirect) {
		Optional<String> email = EmailAddress.normalise(form.newEmail());
		if (email.isEmpty()) {
			redirect.addFlashAttribute("emailError", EmailAddress.problemWith(form.newEmail()).orElse("email.invalid"));
		}
		else if (!this.changes.request(user.accountId(), email.get(), origin)) {
			redirect.addFlashAttribute("emailError", "email.change.same");
		}
		else {
			// Said whether or not the address is taken (then nothing is sent): see EmailChanges.
			redirect.addFlashAttribute("emailSentTo", email.get());
		}
		return "redirect:/security#email";
	}

	/**
	 * A state change on GET, which this application otherwise never does: acceptable here only
	 * because the link carries a single-use, unguessable token that expires and was mailed to the
	 * new address alone. Opening it is the proof asked for; a replayed, forged or cross-site request
	 * without that token changes nothing.
	 */
	@GetMapping("/security/email/confirm")
	@Access(Access.Level.PUBLIC)
	String confirm(@RequestParam(required = false) String token, Authentication authentication, Origin origin,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		EmailChanges.Confirmation result;
		try {
			result = this.changes.confirm(token, origin);
		}
		catch (DuplicateKeyException raceWithAnotherAccount) {
			result = EmailChanges.Confirmation.ADDRESS_TAKEN;
		}
		if (result.outcome() == EmailChanges.Outcome.INVALID_LINK) {
			return problem("email.confirm.invalid", HttpServletResponse.SC_BAD_REQUEST, response, model);
		}
		if (result.outcome() == EmailChanges.Outcome.ADDRESS_TAKEN) {
			return problem("email.confirm.taken", HttpServletResponse.SC_CONFLICT, response, model);
		}
		if (signedInAs(authentication, result.accountId())) {
			this.sessions.signOutOtherSessions(request, response, result.newEmail());
			redirect.addFlashAttribute("notice", "email.changed");
			return "redirect:/security";
		}
		// Opened in a browser not signed in to the account: every session of it ends, this one included.
		this.sessions.signOutEverywhere(result.accountId());
		return "redirect:/login?emailChanged";
	}

	private static boolean signedInAs(Authentication authentication, long accountId) {
		return Factors.isComplete(authentication) && authentication.getPrincipal() instanceof AccountUser user
				&& user.accountId() == accountId;
	}

	private static String problem(String messageKey, int status, HttpServletResponse response, Model model) {
		response.setStatus(status);
		model.addAttribute("problem", messageKey);
		return "account/email-confirm";
	}

}
