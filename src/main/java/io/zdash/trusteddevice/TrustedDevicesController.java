package io.zdash.trusteddevice;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountUser;
import io.zdash.signin.Access;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Forget this device" and "Forget all", from the Security page's sessions card. Signed in is
 * enough, no re-check: forgetting only takes trust away, and a person who lost a laptop must be able
 * to do it from a phone at once.
 */
@Controller
@Access(Access.Level.SIGNED_IN)
class TrustedDevicesController {

	private final TrustedDeviceList devices;

	TrustedDevicesController(TrustedDeviceList devices) {
		this.devices = devices;
	}

	@PostMapping("/security/trusted-devices/{handle}/forget")
	String forget(@PathVariable String handle, @AuthenticationPrincipal AccountUser user, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", this.devices.forget(user, handle, request, response)
				? "trusted.notice.forgotten" : "trusted.notice.gone");
		return "redirect:/security#trusted-devices";
	}

	@PostMapping("/security/trusted-devices/forget-all")
	String forgetAll(@AuthenticationPrincipal AccountUser user, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		this.devices.forgetAll(user, request, response);
		redirect.addFlashAttribute("notice", "trusted.notice.forgottenAll");
		return "redirect:/security#trusted-devices";
	}

}
