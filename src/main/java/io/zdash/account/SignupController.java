package io.zdash.account;

import java.util.Map;
import java.util.Optional;

import io.zdash.signin.Access;
import io.zdash.support.Origin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class SignupController {

	private final AccountService accounts;

	private final EmailVerification verification;

	private final OffThread offThread;

	SignupController(AccountService accounts, EmailVerification verification, OffThread offThread) {
		this.accounts = accounts;
		this.verification = verification;
		this.offThread = offThread;
	}

	@GetMapping("/signup")
	@Access(Access.Level.PUBLIC)
	String form(Model model) {
		model.addAttribute("form", SignupForm.empty());
		model.addAttribute("errors", Map.of());
		model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
		return "account/signup";
	}

	@PostMapping("/signup")
	@Access(value = Access.Level.PUBLIC, limitedPerAddress = true)
	String signup(@ModelAttribute SignupForm form, Origin origin, Model model) {
		// A new account gets its confirmation link (sent off this thread: a taken email, which gets
		// none, must not answer faster).
		Optional<AccountService.SignupProblem> problem = this.accounts.register(form.email(), form.password(),
				id -> this.offThread.run(() -> this.verification.send(id, origin)));
		if (problem.isEmpty()) {
			return "redirect:/login?registered";
		}
		String email = (form.email() != null && form.email().length() <= EmailAddress.MAX_LENGTH) ? form.email() : "";
		model.addAttribute("form", new SignupForm(email, ""));
		model.addAttribute("errors", Map.of(problem.get().field(), problem.get().messageKey()));
		model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
		return "account/signup";
	}

}
