package io.zdash.admin;

import io.zdash.account.AccountUser;
import io.zdash.support.Origin;
import io.zdash.signin.Access;
import io.zdash.support.PageNumber;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administration pages. Every change needs an administrator's recent second factor. */
@Controller
@Access(Access.Level.ADMIN)
class AdminController {

	/**
	 * The settings form: {@code requireTwoFactor=true} and {@code trustedDevices=true} when ticked,
	 * and the days a trusted device lasts, as typed.
	 */
	record SettingsForm(String requireTwoFactor, String trustedDevices, String trustedDeviceDays) {

		/** 0 for off; -1 for days that are not a whole number from 1 to the maximum. */
		int days() {
			if (!"true".equals(this.trustedDevices)) {
				return 0;
			}
			String typed = (this.trustedDeviceDays != null) ? this.trustedDeviceDays.strip() : "";
			if (!typed.matches("\\d{1,2}")) {
				return -1;
			}
			int days = Integer.parseInt(typed);
			return (days >= 1 && days <= AdminSettings.MAX_TRUSTED_DEVICE_DAYS) ? days : -1;
		}

	}

	private final AccountOverview overview;

	private final AdminSettings settings;

	private final AccountAdministration administration;

	AdminController(AccountOverview overview, AdminSettings settings, AccountAdministration administration) {
		this.overview = overview;
		this.settings = settings;
		this.administration = administration;
	}

	@GetMapping("/admin")
	String accounts(@RequestParam(defaultValue = "0") String page, @AuthenticationPrincipal AccountUser admin,
			Model model) {
		int number = PageNumber.parse(page);
		model.addAttribute("selfId", admin.accountId());
		model.addAttribute("accounts", this.overview.page(number));
		model.addAttribute("page", number);
		model.addAttribute("pageSize", AccountOverview.PAGE_SIZE);
		model.addAttribute("twoFactorRequired", this.settings.requiredForEveryone());
		model.addAttribute("trustedDeviceDays", this.settings.trustedDeviceDays());
		model.addAttribute("maxTrustedDeviceDays", AdminSettings.MAX_TRUSTED_DEVICE_DAYS);
		return "admin/accounts";
	}

	@Access(value = Access.Level.ADMIN, confirms = "stepup.action.adminSettings")
	@PostMapping("/admin/settings")
	String settings(@ModelAttribute SettingsForm form, @AuthenticationPrincipal AccountUser admin, Origin origin,
			RedirectAttributes redirect) {
		if (form.days() < 0) {
			redirect.addFlashAttribute("settingsError", "admin.error.trustedDays");
			return "redirect:/admin";
		}
		this.settings.save("true".equals(form.requireTwoFactor()), form.days(), admin.accountId(), origin);
		redirect.addFlashAttribute("notice", "admin.notice.saved");
		return "redirect:/admin";
	}

	/** Lost device: the account signs in with its password next time and sets 2FA up again. */
	@Access(value = Access.Level.ADMIN, confirms = "stepup.action.adminResetTwoFactor")
	@PostMapping("/admin/accounts/{id}/reset-two-factor")
	String resetTwoFactor(@PathVariable long id, @AuthenticationPrincipal AccountUser admin, Origin origin,
			RedirectAttributes redirect) {
		this.administration.resetTwoFactor(id, admin.accountId(), origin);
		redirect.addFlashAttribute("notice", "admin.notice.reset");
		return "redirect:/admin";
	}

	@Access(value = Access.Level.ADMIN, confirms = "stepup.action.adminUnlock")
	@PostMapping("/admin/accounts/{id}/unlock")
	String unlock(@PathVariable long id, @AuthenticationPrincipal AccountUser admin, Origin origin,
			RedirectAttributes redirect) {
		this.administration.unlock(id, admin.accountId(), origin);
		redirect.addFlashAttribute("notice", "admin.notice.unlocked");
		return "redirect:/admin";
	}

	@Access(value = Access.Level.ADMIN, confirms = "stepup.action.adminDisable")
	@PostMapping("/admin/accounts/{id}/disable")
	String disable(@PathVariable long id, @AuthenticationPrincipal AccountUser admin, Origin origin,
			RedirectAttributes redirect) {
		if (id == admin.accountId()) {
			// An administrator cannot lock the installation out by disabling themselves.
			redirect.addFlashAttribute("notice", "admin.error.self");
			return "redirect:/admin";
		}
		this.administration.disable(id, admin.accountId(), origin);
		redirect.addFlashAttribute("notice", "admin.notice.disabled");
		return "redirect:/admin";
	}

	@Access(value = Access.Level.ADMIN, confirms = "stepup.action.adminEnable")
	@PostMapping("/admin/accounts/{id}/enable")
	String enable(@PathVariable long id, @AuthenticationPrincipal AccountUser admin, Origin origin,
			RedirectAttributes redirect) {
		this.administration.enable(id, admin.accountId(), origin);
		redirect.addFlashAttribute("notice", "admin.notice.enabled");
		return "redirect:/admin";
	}

}
