package io.zdash.account;

import java.time.Duration;

import io.zdash.signin.Access;
import io.zdash.support.Backoff;
import io.zdash.support.Origin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The link that confirms the account's address, and "resend" from the banner. Opening the link
 * only shows a "Confirm" button: mail scanners that fetch every link must not use it up.
 */
@Controller
class EmailVerificationController {

	private final EmailVerification verification;

	EmailVerificationController(EmailVerification verification) {
		this.verification = verification;
	}

	@GetMapping("/email/verify")
	@Access(Access.Level.PUBLIC)
	String page(@RequestParam(required = false) String token, Model model) {
		model.addAttribute("state", this.verification.isLive(token) ? "ask" : "invalid");
		model.addAttribute("token", this.verification.isLive(token) ? token : "");
		return "account/verify";
	}

	@PostMapping("/email/verify")
	@Access(value = Access.Level.PUBLIC, limitedPerAddress = true)
	String confirm(@RequestParam(required = false) String token, Origin origin, Model model) {
		model.addAttribute("state", this.verification.confirm(token, origin) ? "done" : "invalid");
		model.addAttribute("token", "");
		return "account/verify";
	}

	@PostMapping("/security/email/verify/resend")
	@Access(Access.Level.SIGNED_IN)
	String resend(@AuthenticationPrincipal AccountUser user, Origin origin, RedirectAttributes redirect) {
		Duration wait = this.verification.send(user.accountId(), origin);
		if (wait.isZero()) {
			redirect.addFlashAttribute("notice", "verify.notice.sent");
		}
		else {
			redirect.addFlashAttribute("verifyWait", Backoff.minutes(wait));
		}
		return "redirect:/";
	}

}
