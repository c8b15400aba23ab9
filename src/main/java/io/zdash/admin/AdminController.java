package io.zdash.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import io.zdash.account.AccountUser;
import io.zdash.lostdevice.LostDeviceWatch;
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

	private final AccountOverview overview;

	private final AdminSettings settings;

	private final AccountAdministration administration;

	private final Clock clock;

	private final LostDeviceWatch recoveries;

	AdminController(AccountOverview overview, AdminSettings settings, AccountAdministration administration,
			Clock clock, LostDeviceWatch recoveries) {
		this.recoveries = recoveries;
		this.clock = clock;
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
		Optional<Instant> requiredFrom = this.settings.requiredFrom();
		model.addAttribute("twoFactorRequired", requiredFrom.isPresent());
		// The date field: the deadline set, or (not required yet) the default grace from today.
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		model.addAttribute("deadlineField", requiredFrom.map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC))
			.map(date -> date.isBefore(today) ? today : date)
			.orElse(today.plusDays(AdminSettings.DEFAULT_GRACE.toDays())));
		model.addAttribute("today", today);
		model.addAttribute("adoption", this.overview.adoption());
		model.addAttribute("trustedDeviceDays", this.settings.trustedDeviceDays());
		model.addAttribute("maxTrustedDeviceDays", AdminSettings.MAX_TRUSTED_DEVICE_DAYS);
		return "admin/accounts";
	}

	@Access(value = Access.Level.ADMIN, confirms = "stepup.action.adminSettings")
	@PostMapping("/admin/settings")
	String settings(@ModelAttribute SettingsForm form, @AuthenticationPrincipal AccountUser admin, Origin origin,
			RedirectAttributes redirect) {
		if (!form.deadlineIsValid(LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC))) {
			redirect.addFlashAttribute("deadlineError", "admin.error.deadline");
			return "redirect:/admin";
		}
		if (form.days() < 0) {
			redirect.addFlashAttribute("settingsError", "admin.error.trustedDays");
			return "redirect:/admin";
		}
		Instant from = form.deadline().map(this::keepOrSet).orElse(null);
		this.settings.save(from, form.days(), admin.accountId(), origin);
		redirect.addFlashAttribute("notice", "admin.notice.saved");
		return "redirect:/admin";
	}

	/**
	 * The date the page showed, saved again, keeps the deadline as it was (one already past stays
	 * past: enforced now); another date sets a new one.
	 */
	private Instant keepOrSet(Instant typed) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return this.settings.requiredFrom().filter(current -> {
			LocalDate shown = LocalDate.ofInstant(current, ZoneOffset.UTC);
			return (shown.isBefore(today) ? today : shown).equals(LocalDate.ofInstant(typed, ZoneOffset.UTC));
		}).orElse(typed);
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

	/** The owner of a lost-device recovery was checked out of band: the waiting period ends now. */
	@Access(value = Access.Level.ADMIN, confirms = "stepup.action.adminApproveRecovery")
	@PostMapping("/admin/accounts/{id}/recovery/approve")
	String approveRecovery(@PathVariable long id, @AuthenticationPrincipal AccountUser admin, Origin origin,
			RedirectAttributes redirect) {
		if (this.recoveries.approveNow(id, admin.accountId(), origin)) {
			redirect.addFlashAttribute("notice", "admin.notice.recoveryApproved");
		}
		return "redirect:/admin";
	}

	@Access(value = Access.Level.ADMIN, confirms = "stepup.action.adminCancelRecovery")
	@PostMapping("/admin/accounts/{id}/recovery/cancel")
	String cancelRecovery(@PathVariable long id, @AuthenticationPrincipal AccountUser admin, Origin origin,
			RedirectAttributes redirect) {
		if (this.recoveries.cancel(id, "admin=" + admin.accountId(), origin)) {
			redirect.addFlashAttribute("notice", "admin.notice.recoveryCancelled");
		}
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
