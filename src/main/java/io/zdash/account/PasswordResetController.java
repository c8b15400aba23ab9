package io.zdash.account;

import java.util.Optional;

import io.zdash.signin.Access;
import io.zdash.support.Origin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Forgot password?": ask for a link, then set a new password from it. */
@Controller
class PasswordResetController {

	private final PasswordReset reset;

	PasswordResetController(PasswordReset reset) {
		this.reset = reset;
	}

	@GetMapping("/password/forgot")
	@Access(Access.Level.PUBLIC)
	String forgotForm(Model model) {
		model.addAttribute("email", "");
		return "account/forgot";
	}

	@PostMapping("/password/forgot")
	@Access(value = Access.Level.PUBLIC, limitedPerAddress = true)
	String forgot(@RequestParam(required = false) String email, Origin origin, Model model) {
		Optional<String> problem = EmailAddress.problemWith(email);
		if (problem.isPresent()) {
			model.addAttribute("email", (email != null && email.length() <= EmailAddress.MAX_LENGTH) ? email : "");
			model.addAttribute("error", problem.get());
			return "account/forgot";
		}
		this.reset.request(EmailAddress.normalise(email).orElseThrow(), origin);
		// The same page whether or not the address has an account: post/redirect/get.
		return "redirect:/password/forgot/sent";
	}

	@GetMapping("/password/forgot/sent")
	@Access(Access.Level.PUBLIC)
	String sent() {
		return "account/forgot-sent";
	}

	@GetMapping("/password/reset")
	@Access(Access.Level.PUBLIC)
	String resetForm(@RequestParam(required = false) String token, Model model) {
		if (!this.reset.isLive(token)) {
			return "account/reset-invalid";
		}
		model.addAttribute("token", token);
		model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
		return "account/reset";
	}

	@PostMapping("/password/reset")
	@Access(value = Access.Level.PUBLIC, limitedPerAddress = true)
	String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String newPassword,
			Origin origin, Model model) {
		PasswordReset.Result result = this.reset.reset(token, newPassword, origin);
		switch (result.outcome()) {
			case DONE -> {
				return "redirect:/login?reset";
			}
			case WEAK_PASSWORD -> {
				model.addAttribute("token", token);
				model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
				model.addAttribute("error", result.problem().messageKey());
				return "account/reset";
			}
			default -> {
				return "account/reset-invalid";
			}
		}
	}

}
