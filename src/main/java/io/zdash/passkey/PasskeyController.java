package io.zdash.passkey;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountSessions;
import io.zdash.account.AccountUser;
import io.zdash.signin.Access;
import io.zdash.support.FactorName;
import io.zdash.support.Origin;
import io.zdash.support.RowId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Security page's "Passkeys and security keys" card: add one (the browser's answer to the
 * options of {@link PasskeyOptionsController}, sent as a form), rename one, remove one. Each is a
 * sensitive change, behind a fresh re-check; each answers with the Security page and a message.
 */
@Controller
class PasskeyController {

	static final String CARD = "redirect:/security#passkeys";

	private final PasskeyCeremony ceremony;

	private final Passkeys passkeys;

	private final AccountSessions sessions;

	PasskeyController(PasskeyCeremony ceremony, Passkeys passkeys, AccountSessions sessions) {
		this.ceremony = ceremony;
		this.passkeys = passkeys;
		this.sessions = sessions;
	}

	@PostMapping("/security/passkeys")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.addPasskey")
	String add(@RequestParam(required = false) String label, @RequestParam(required = false) String credential,
			@AuthenticationPrincipal AccountUser user, Origin origin, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<String> name = FactorName.parse(label);
		if (name.isEmpty()) {
			return refused(redirect, "passkey.error.label");
		}
		Registration registration = this.ceremony.register(user.accountId(), user.getUsername(), name.get(), credential,
				request);
		Optional<Refusal> refusal = Optional.ofNullable(registration.refusal());
		if (refusal.isEmpty()) {
			refusal = store(user.accountId(), registration, origin);
		}
		if (refusal.isPresent()) {
			return refused(redirect, switch (refusal.get()) {
				case NO_CEREMONY -> "passkey.error.expired";
				case ALREADY_ADDED -> "passkey.error.alreadyAdded";
				case TOO_MANY -> "passkey.error.tooMany";
				case TWO_FACTOR_OFF -> "passkey.error.twoFactorFirst";
				default -> "passkey.error.notAdded";
			});
		}
		this.sessions.signOutOtherSessions(request, response);
		redirect.addFlashAttribute("notice", "passkey.notice.added");
		return CARD;
	}

	@PostMapping("/security/passkeys/{id}/rename")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.renamePasskey")
	String rename(@PathVariable String id, @RequestParam(required = false) String label,
			@AuthenticationPrincipal AccountUser user, Origin origin, RedirectAttributes redirect) {
		Optional<String> name = FactorName.parse(label);
		if (name.isEmpty()) {
			return refused(redirect, "passkey.error.label");
		}
		boolean renamed = RowId.parse(id).filter(key -> this.passkeys.rename(user.accountId(), key, name.get(), origin))
			.isPresent();
		redirect.addFlashAttribute("notice", renamed ? "passkey.notice.renamed" : "passkey.notice.gone");
		return CARD;
	}

	/** Removing a key signs out the account's other sessions: one of them may be the lost key's (as adding one does). */
	@PostMapping("/security/passkeys/{id}/remove")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.removePasskey")
	String remove(@PathVariable String id, @AuthenticationPrincipal AccountUser user, Origin origin,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Passkeys.Removal removal = RowId.parse(id).map(key -> this.passkeys.remove(user.accountId(), key, origin))
			.orElse(Passkeys.Removal.GONE);
		if (removal == Passkeys.Removal.LAST) {
			return refused(redirect, "passkey.error.last");
		}
		if (removal == Passkeys.Removal.REMOVED) {
			this.sessions.signOutOtherSessions(request, response);
		}
		redirect.addFlashAttribute("notice",
				(removal == Passkeys.Removal.REMOVED) ? "passkey.notice.removed" : "passkey.notice.gone");
		return CARD;
	}

	private Optional<Refusal> store(long accountId, Registration registration, Origin origin) {
		try {
			return this.passkeys.add(accountId, registration.key(), origin);
		}
		catch (DuplicateKeyException sameKeyAtOnce) {
			return Optional.of(Refusal.ALREADY_ADDED);
		}
	}

	private static String refused(RedirectAttributes redirect, String message) {
		redirect.addFlashAttribute("passkeyError", message);
		return CARD;
	}

}
