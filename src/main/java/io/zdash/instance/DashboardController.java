package io.zdash.instance;

import java.util.Optional;

import io.zdash.account.AccountUser;
import io.zdash.signin.Access;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The dashboard home and its instance actions. Tokens are revealed by a POST, never put in a URL. */
@Controller
@Access(Access.Level.SIGNED_IN)
class DashboardController {

	/** An instance's name, for creating or renaming it. */
	record NameForm(String name) {
	}

	private final InstanceService instances;

	DashboardController(InstanceService instances) {
		this.instances = instances;
	}

	@GetMapping("/")
	String dashboard(@AuthenticationPrincipal AccountUser user, Model model) {
		return page(user, model);
	}

	@PostMapping("/instances")
	String create(@ModelAttribute NameForm form, @AuthenticationPrincipal AccountUser user, Model model,
			RedirectAttributes redirect) {
		Optional<String> problem = this.instances.create(user.accountId(), form.name());
		if (problem.isPresent()) {
			model.addAttribute("createError", problem.get());
			return page(user, model);
		}
		redirect.addFlashAttribute("notice", "instance.notice.created");
		return "redirect:/";
	}

	@PostMapping("/instances/{id}/rename")
	String rename(@PathVariable String id, @ModelAttribute NameForm form, @AuthenticationPrincipal AccountUser user,
			Model model, RedirectAttributes redirect) {
		Optional<String> problem = this.instances.rename(user.accountId(), id, form.name());
		if (problem.isPresent()) {
			model.addAttribute("rowError", problem.get());
			model.addAttribute("rowErrorId", id);
			return page(user, model);
		}
		redirect.addFlashAttribute("notice", "instance.notice.renamed");
		return "redirect:/";
	}

	@PostMapping("/instances/{id}/delete")
	String delete(@PathVariable String id, @AuthenticationPrincipal AccountUser user, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice",
				this.instances.delete(user.accountId(), id) ? "instance.notice.deleted" : "instance.error.notFound");
		return "redirect:/";
	}

	@PostMapping("/instances/{id}/token/rotate")
	@Access(Access.Level.STEP_UP)
	String rotate(@PathVariable String id, @AuthenticationPrincipal AccountUser user, Model model,
			RedirectAttributes redirect) {
		if (!this.instances.rotateToken(user.accountId(), id)) {
			redirect.addFlashAttribute("notice", "instance.error.notFound");
			return "redirect:/";
		}
		model.addAttribute("revealedId", id);
		model.addAttribute("notice", "instance.notice.rotated");
		return page(user, model);
	}

	@PostMapping("/instances/{id}/token")
	@Access(Access.Level.STEP_UP)
	String reveal(@PathVariable String id, @AuthenticationPrincipal AccountUser user, Model model,
			RedirectAttributes redirect) {
		Optional<Instance> instance = this.instances.find(user.accountId(), id);
		if (instance.isEmpty()) {
			redirect.addFlashAttribute("notice", "instance.error.notFound");
			return "redirect:/";
		}
		model.addAttribute("revealedId", id);
		return page(user, model);
	}

	private String page(AccountUser user, Model model) {
		model.addAttribute("instances", this.instances.list(user.accountId()));
		model.addAttribute("maxNameLength", InstanceService.MAX_NAME_LENGTH);
		return "instance/dashboard";
	}

}
