package io.zdash.twofactor;

import jakarta.servlet.http.HttpSession;

import io.zdash.account.AccountUser;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.signin.Access;
import io.zdash.signin.SessionFactors;
import io.zdash.support.Origin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The check-up page after sign-in, when one is due (see {@link CheckUp}). */
@Controller
@Access(Access.Level.SIGNED_IN)
class CheckUpController {

	private final CheckUp checkUp;

	private final RecoveryCodes recoveryCodes;

	CheckUpController(CheckUp checkUp, RecoveryCodes recoveryCodes) {
		this.checkUp = checkUp;
		this.recoveryCodes = recoveryCodes;
	}

	@GetMapping(CheckUp.PAGE)
	String page(@AuthenticationPrincipal AccountUser user, HttpSession session, Model model) {
		if (!this.checkUp.due(user.accountId())) {
			return "redirect:/";
		}
		model.addAttribute("usedRecoveryCode", session.getAttribute(SessionFactors.USED_RECOVERY_CODE) != null);
		model.addAttribute("recoveryCodesRemaining", this.recoveryCodes.remaining(user.accountId()));
		return "twofactor/check-up";
	}

	/** "Yes, I still have them": remembered until the next one is due. */
	@PostMapping(CheckUp.PAGE)
	String done(@AuthenticationPrincipal AccountUser user, Origin origin, RedirectAttributes redirect) {
		if (this.checkUp.due(user.accountId())) {
			this.checkUp.done(user.accountId(), origin);
			redirect.addFlashAttribute("notice", "checkup.notice.done");
		}
		return "redirect:/";
	}

}
