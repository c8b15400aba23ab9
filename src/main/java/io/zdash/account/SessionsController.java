package io.zdash.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.support.Origin;
import io.zdash.signin.Access;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Sign out" for one session and "Sign out all other sessions", from the Security page's list. */
@Controller
@Access(Access.Level.STEP_UP)
class SessionsController {

	private final AccountSessions sessions;

	SessionsController(AccountSessions sessions) {
		this.sessions = sessions;
	}

	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.revokeSession")
	@PostMapping("/security/sessions/{handle}/revoke")
	String revoke(@PathVariable String handle, @AuthenticationPrincipal AccountUser user, Origin origin,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice",
				this.sessions.revoke(user, handle, origin) ? "sessions.notice.revoked" : "sessions.notice.gone");
		return "redirect:/security#sessions";
	}

	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.revokeOthers")
	@PostMapping("/security/sessions/revoke-others")
	String revokeOthers(@AuthenticationPrincipal AccountUser user, Origin origin, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		this.sessions.revokeOthers(user, request, response, origin);
		redirect.addFlashAttribute("notice", "sessions.notice.others");
		return "redirect:/security#sessions";
	}

}
