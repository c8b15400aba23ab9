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

/**
 * The dashboard home and its instance actions. Every action answers with a redirect to the
 * dashboard (post/redirect/get), so a reload or a change of language never resubmits it. Tokens
 * are revealed by a POST, never put in a URL.
 */
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
	String create(@ModelAttribute NameForm form, @AuthenticationPrincipal AccountUser user, RedirectAttributes redirect) {
		Optional<String> problem = this.instances.create(user.accountId(), form.name());
		if (problem.isPresent()) {
			redirect.addFlashAttribute("createError", problem.get());
			return "redirect:/";
		}
		redirect.addFlashAttribute("notice", "instance.notice.created");
		return "redirect:/";
	}

	@PostMapping("/instances/{id}/rename")
	String rename(@PathVariable String id, @ModelAttribute NameForm form, @AuthenticationPrincipal AccountUser user,
			RedirectAttributes redirect) {
		Optional<String> problem = this.instances.rename(user.accountId(), id, form.name());
		if (problem.isPresent()) {
			redirect.addFlashAttribute("rowError", problem.get());
			redirect.addFlashAttribute("rowErrorId", id);
			return "redirect:/";
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
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.rotateToken")
	String rotate(@PathVariable String id, @AuthenticationPrincipal AccountUser user, RedirectAttributes redirect) {
		if (!this.instances.rotateToken(user.accountId(), id)) {
			redirect.addFlashAttribute("notice", "instance.error.notFound");
			return "redirect:/";
		}
		redirect.addFlashAttribute("revealedId", id);
		redirect.addFlashAttribute("notice", "instance.notice.rotated");
		return "redirect:/";
	}

	/**
	 * Shows the token on the dashboard it was asked from (post/redirect/get): which row to unmask is
	 * a single-use flash in the session, so a reload or a change of language shows it masked again,
	 * and never resubmits anything.
	 */
	@PostMapping("/instances/{id}/token")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.revealToken")
	String reveal(@PathVariable String id, @AuthenticationPrincipal AccountUser user, RedirectAttributes redirect) {
		if (this.instances.find(user.accountId(), id).isEmpty()) {
			redirect.addFlashAttribute("notice", "instance.error.notFound");
			return "redirect:/";
		}
		redirect.addFlashAttribute("revealedId", id);
		return "redirect:/";
	}

	private String page(AccountUser user, Model model) {
		model.addAttribute("instances", this.instances.list(user.accountId()));
		model.addAttribute("maxNameLength", InstanceService.MAX_NAME_LENGTH);
		return "instance/dashboard";
	}

}
