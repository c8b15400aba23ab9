package io.zdash.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.audit.SecurityEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Sign out" for one session and "Sign out all other sessions", from the Security page's list. */
@Controller
class SessionsController {

	private final AccountSessions sessions;

	private final ApplicationEventPublisher events;

	SessionsController(AccountSessions sessions, ApplicationEventPublisher events) {
		this.sessions = sessions;
		this.events = events;
	}

	@PostMapping("/security/sessions/{handle}/revoke")
	String revoke(@PathVariable String handle, @AuthenticationPrincipal AccountUser user, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice",
				this.sessions.revoke(user, handle) ? "sessions.notice.revoked" : "sessions.notice.gone");
		return "redirect:/security#sessions";
	}

	@PostMapping("/security/sessions/revoke-others")
	String revokeOthers(@AuthenticationPrincipal AccountUser user, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		this.sessions.signOutOtherSessions(request, response);
		this.events.publishEvent(new SecurityEvent(user.accountId(), SecurityEvent.Type.SESSION_REVOKED, "others"));
		redirect.addFlashAttribute("notice", "sessions.notice.others");
		return "redirect:/security#sessions";
	}

}
