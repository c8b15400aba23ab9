package io.zdash.twofactor;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.zdash.account.AccountSessions;
import io.zdash.account.AccountUser;
import io.zdash.signin.Access;
import io.zdash.support.FactorName;
import io.zdash.support.Origin;
import io.zdash.support.RowId;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The authenticator apps of the Two-Factor Authentication card, once 2FA is on: add another (its
 * own QR code and key, a name, a code from it), rename one, remove one. Each is behind a fresh
 * re-check, as every change of a factor is; adding and removing sign out the other sessions.
 */
@Controller
class AuthenticatorAppController {

	static final String APPS = "/security/two-factor/apps";

	static final String CARD = "redirect:/security#two-factor";

	/** A name for the new app and a code from it. */
	record AddForm(String name, String code) {

		@Override
		public String toString() {
			return "AddForm[name=" + this.name + ", code=******]";
		}

	}

	private final AuthenticatorApps apps;

	private final TwoFactorService twoFactor;

	private final KeyOnPage keyOnPage;

	private final AccountSessions sessions;

	AuthenticatorAppController(AuthenticatorApps apps, TwoFactorService twoFactor, KeyOnPage keyOnPage,
			AccountSessions sessions) {
		this.apps = apps;
		this.twoFactor = twoFactor;
		this.keyOnPage = keyOnPage;
		this.sessions = sessions;
	}

	/** A page that shows a new secret: a re-check first, as for any change of a factor. */
	@GetMapping(APPS + "/new")
	@Access(Access.Level.STEP_UP)
	String addPage(@AuthenticationPrincipal AccountUser user, HttpSession session, Model model, Locale locale,
			RedirectAttributes redirect) {
		Optional<String> refused = refusal(user);
		if (refused.isPresent()) {
			return refused(redirect, refused.get());
		}
		return page(user, session, model, locale, new AddForm("", ""));
	}

	@PostMapping(APPS)
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.addApp")
	String add(@ModelAttribute AddForm form, @AuthenticationPrincipal AccountUser user, Origin origin, HttpSession session,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		Optional<String> refused = refusal(user);
		if (refused.isPresent()) {
			return refused(redirect, refused.get());
		}
		Optional<String> name = FactorName.parse(form.name());
		Optional<OneTimeCode> code = OneTimeCode.parse(form.code());
		if (name.isEmpty() || code.isEmpty()) {
			model.addAttribute("error", name.isEmpty() ? "apps.error.name" : "totp.error.format");
			return page(user, session, model, locale, form);
		}
		AuthenticatorApps.Change change = this.apps.add(user.accountId(), EnrollmentBinding.of(session), name.get(),
				code.get(), origin);
		switch (change) {
			case DONE -> {
				this.sessions.signOutOtherSessions(request, response);
				redirect.addFlashAttribute("notice", "apps.notice.added");
				return CARD;
			}
			case WRONG_CODE -> {
				model.addAttribute("error", "setup.error.wrong");
				return page(user, session, model, locale, form);
			}
			case TOO_MANY -> {
				return refused(redirect, "apps.error.tooMany");
			}
			default -> {
				// The key expired (or another session of the account began setting one up): a new one.
				model.addAttribute("error", "apps.error.expired");
				return page(user, session, model, locale, new AddForm(form.name(), ""));
			}
		}
	}

	@PostMapping(APPS + "/{id}/rename")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.renameApp")
	String rename(@PathVariable String id, @RequestParam(required = false) String name,
			@AuthenticationPrincipal AccountUser user, Origin origin, RedirectAttributes redirect) {
		Optional<String> valid = FactorName.parse(name);
		if (valid.isEmpty()) {
			return refused(redirect, "apps.error.name");
		}
		boolean renamed = RowId.parse(id)
			.filter(app -> this.apps.rename(user.accountId(), app, valid.get(), origin) == AuthenticatorApps.Change.DONE)
			.isPresent();
		redirect.addFlashAttribute("notice", renamed ? "apps.notice.renamed" : "apps.notice.gone");
		return CARD;
	}

	@PostMapping(APPS + "/{id}/remove")
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.removeApp")
	String remove(@PathVariable String id, @AuthenticationPrincipal AccountUser user, Origin origin,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		AuthenticatorApps.Change change = RowId.parse(id).map(app -> this.apps.remove(user.accountId(), app, origin))
			.orElse(AuthenticatorApps.Change.GONE);
		if (change == AuthenticatorApps.Change.LAST) {
			return refused(redirect, "apps.error.last");
		}
		if (change == AuthenticatorApps.Change.DONE) {
			this.sessions.signOutOtherSessions(request, response);
		}
		redirect.addFlashAttribute("notice",
				(change == AuthenticatorApps.Change.DONE) ? "apps.notice.removed" : "apps.notice.gone");
		return CARD;
	}

	/** Why no app can be added now, if so: 2FA is off (the first app turns it on), or there are enough. */
	private Optional<String> refusal(AccountUser user) {
		if (!this.twoFactor.isEnrolled(user.accountId())) {
			return Optional.of("apps.error.twoFactorOff");
		}
		return this.apps.mayAddMore(user.accountId()) ? Optional.empty() : Optional.of("apps.error.tooMany");
	}

	private String page(AccountUser user, HttpSession session, Model model, Locale locale, AddForm form) {
		this.keyOnPage.addTo(model, user, this.twoFactor.pendingSecret(user.accountId(), EnrollmentBinding.of(session)),
				locale);
		model.addAttribute("form", form);
		return "twofactor/add-app";
	}

	private static String refused(RedirectAttributes redirect, String message) {
		redirect.addFlashAttribute("appsError", message);
		return CARD;
	}

}
