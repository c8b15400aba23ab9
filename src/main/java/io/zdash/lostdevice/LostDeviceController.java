package io.zdash.lostdevice;

import io.zdash.account.AccountUser;
import io.zdash.signin.Access;
import io.zdash.signin.Factors;
import io.zdash.support.Origin;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "I lost my authenticator and my recovery codes": asked for at the second step, confirmed and
 * completed from the emailed link, cancelled from any signed-in session.
 */
@Controller
class LostDeviceController {

	private final LostDeviceStart start;

	private final LostDeviceRecoveries recoveries;

	private final LostDeviceWatch watch;

	LostDeviceController(LostDeviceStart start, LostDeviceRecoveries recoveries, LostDeviceWatch watch) {
		this.start = start;
		this.recoveries = recoveries;
		this.watch = watch;
	}

	@GetMapping("/login/lost-device")
	@Access(Access.Level.SECOND_STEP)
	String explain(Authentication authentication, Model model) {
		if (!Factors.awaitsSecondFactor(authentication) || !(authentication.getPrincipal() instanceof AccountUser user)) {
			return "redirect:/";
		}
		this.recoveries.running(user.accountId()).ifPresent(running -> model.addAttribute("running", running));
		model.addAttribute("waitHours", this.recoveries.waitingPeriod().toHours());
		return "lostdevice/ask";
	}

	@PostMapping("/login/lost-device")
	@Access(Access.Level.SECOND_STEP)
	String ask(Authentication authentication, Origin origin, Model model) {
		if (!Factors.awaitsSecondFactor(authentication) || !(authentication.getPrincipal() instanceof AccountUser user)) {
			return "redirect:/";
		}
		model.addAttribute("outcome", this.start.start(user.accountId(), origin).name());
		this.recoveries.running(user.accountId()).ifPresent(running -> model.addAttribute("running", running));
		model.addAttribute("waitHours", this.recoveries.waitingPeriod().toHours());
		return "lostdevice/ask";
	}

	@GetMapping("/recovery/lost-device")
	@Access(Access.Level.PUBLIC)
	String link(@RequestParam(required = false) String token, Model model) {
		return linkPage(token, model);
	}

	@PostMapping("/recovery/lost-device")
	@Access(value = Access.Level.PUBLIC, limitedPerAddress = true)
	String act(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
			Origin origin, Model model) {
		LostDeviceRecoveries.LinkState state = this.recoveries.look(token).state();
		if (state == LostDeviceRecoveries.LinkState.CONFIRM) {
			model.addAttribute("notice", this.recoveries.confirm(token, origin) ? "lostDevice.notice.started" : null);
		}
		else if (state == LostDeviceRecoveries.LinkState.COMPLETE) {
			if (this.recoveries.complete(token, password, origin)) {
				return "redirect:/login?recovered";
			}
			model.addAttribute("error", "lostDevice.error.password");
		}
		return linkPage(token, model);
	}

	@PostMapping("/security/lost-device/cancel")
	@Access(Access.Level.SIGNED_IN)
	String cancel(@AuthenticationPrincipal AccountUser user, Origin origin, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice",
				this.watch.cancel(user.accountId(), "owner", origin) ? "lostDevice.notice.cancelled" : "lostDevice.notice.none");
		return "redirect:/security";
	}

	private String linkPage(String token, Model model) {
		LostDeviceRecoveries.Link link = this.recoveries.look(token);
		model.addAttribute("state", link.state().name());
		model.addAttribute("endsAt", link.endsAt());
		model.addAttribute("token", (link.state() == LostDeviceRecoveries.LinkState.INVALID) ? "" : token);
		return "lostdevice/link";
	}

}
