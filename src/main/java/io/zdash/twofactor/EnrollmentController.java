package io.zdash.twofactor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.zdash.account.AccountSessions;
import io.zdash.account.AccountUser;
import io.zdash.support.Origin;
import io.zdash.recovery.CodesOnDisplay;
import io.zdash.recovery.RecoveryCode;
import io.zdash.recovery.RecoveryCodeSheet;
import io.zdash.signin.Access;
import io.zdash.signin.Factors;
import io.zdash.signin.SessionFactors;
import io.zdash.signin.SignInRoutes;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Configure now": show the key as a QR code and as text, check a code from the app, show the
 * recovery codes, and turn 2FA on once the person says they saved them. Leaving at any point
 * leaves 2FA off; the pending key expires.
 */
@Controller
@Access(Access.Level.ENROLLMENT)
class EnrollmentController {

	static final String CODES = SignInRoutes.TWO_FACTOR_SETUP + "/codes";

	/** The code from the app being set up. */
	record CodeForm(String code) {

		@Override
		public String toString() {
			return "CodeForm[code=******]";
		}

	}

	/** "I have saved these codes": {@code saved=true}. */
	record SavedForm(String saved) {
	}

	private final TwoFactorService twoFactor;

	private final SessionFactors sessionFactors;

	private final AccountSessions accountSessions;

	private final KeyOnPage keyOnPage;

	private final CodesOnDisplay onDisplay;

	private final RecoveryCodeSheet sheet;

	EnrollmentController(TwoFactorService twoFactor, SessionFactors sessionFactors, AccountSessions accountSessions,
			KeyOnPage keyOnPage, CodesOnDisplay onDisplay, RecoveryCodeSheet sheet) {
		this.onDisplay = onDisplay;
		this.sheet = sheet;
		this.keyOnPage = keyOnPage;
		this.twoFactor = twoFactor;
		this.sessionFactors = sessionFactors;
		this.accountSessions = accountSessions;
	}

	@GetMapping(SignInRoutes.TWO_FACTOR_SETUP)
	String setup(@AuthenticationPrincipal AccountUser user, Authentication authentication, HttpSession session, Model model,
			Locale locale) {
		if (this.twoFactor.isEnrolled(user.accountId())) {
			return "redirect:/security";
		}
		model.addAttribute("mustEnroll", Factors.has(authentication, Factors.TOTP_REQUIRED));
		return setupPage(user, EnrollmentBinding.of(session), model, locale);
	}

	@PostMapping(SignInRoutes.TWO_FACTOR_SETUP)
	String verify(@ModelAttribute CodeForm form, @AuthenticationPrincipal AccountUser user, Authentication authentication,
			HttpSession session, Model model, RedirectAttributes redirect, Locale locale) {
		model.addAttribute("mustEnroll", Factors.has(authentication, Factors.TOTP_REQUIRED));
		if (this.twoFactor.isEnrolled(user.accountId())) {
			return "redirect:/security";
		}
		EnrollmentBinding binding = EnrollmentBinding.of(session);
		if (!this.twoFactor.hasLiveEnrollment(user.accountId(), binding)) {
			redirect.addFlashAttribute("error", "setup.error.expired");
			return "redirect:" + SignInRoutes.TWO_FACTOR_SETUP;
		}
		Optional<OneTimeCode> parsed = OneTimeCode.parse(form.code());
		Optional<List<RecoveryCode>> codes = parsed.flatMap(c -> this.twoFactor.verifyEnrollment(user.accountId(), binding, c));
		if (codes.isEmpty()) {
			model.addAttribute("error", parsed.isPresent() ? "setup.error.wrong" : "totp.error.format");
			return setupPage(user, binding, model, locale);
		}
		this.onDisplay.hold(session, user.accountId(), codes.get());
		return "redirect:" + CODES;
	}

	/** The recovery codes of the enrollment in progress, as long as this session holds them. */
	@GetMapping(CODES)
	String codes(@AuthenticationPrincipal AccountUser user, HttpSession session, Model model, Locale locale,
			RedirectAttributes redirect) {
		if (this.twoFactor.isEnrolled(user.accountId())) {
			return "redirect:/security";
		}
		Optional<List<RecoveryCode>> codes = this.onDisplay.shown(session, user.accountId());
		if (codes.isEmpty() || !this.twoFactor.hasLiveEnrollment(user.accountId(), EnrollmentBinding.of(session))) {
			redirect.addFlashAttribute("error", "setup.error.expired");
			return "redirect:" + SignInRoutes.TWO_FACTOR_SETUP;
		}
		return codesPage(user, codes.get(), model, locale);
	}

	@PostMapping(SignInRoutes.TWO_FACTOR_SETUP + "/confirm")
	String confirm(@ModelAttribute SavedForm form, @AuthenticationPrincipal AccountUser user, Origin origin,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect,
			Locale locale) {
		if (this.twoFactor.isEnrolled(user.accountId())) {
			return "redirect:/security";
		}
		if (!"true".equals(form.saved())) {
			// The codes were shown once and are not kept in clear: show a fresh set to save.
			Optional<List<RecoveryCode>> codes = this.twoFactor.reissuePendingCodes(user.accountId(),
					EnrollmentBinding.of(request.getSession()));
			if (codes.isPresent()) {
				this.onDisplay.hold(request.getSession(), user.accountId(), codes.get());
				redirect.addFlashAttribute("error", "setup.error.notSaved");
				return "redirect:" + CODES;
			}
		}
		else if (this.twoFactor.confirmEnrollment(user.accountId(), EnrollmentBinding.of(request.getSession()), origin)) {
			this.onDisplay.release(request.getSession());
			this.sessionFactors.enrolled(request, response);
			this.accountSessions.signOutOtherSessions(request, response);
			redirect.addFlashAttribute("notice", "security.notice.enabled");
			// Right after the app, the moment to offer a passkey too (the card says it can wait).
			redirect.addFlashAttribute("invitePasskey", Boolean.TRUE);
			return "redirect:/security";
		}
		redirect.addFlashAttribute("error", "setup.error.expired");
		return "redirect:" + SignInRoutes.TWO_FACTOR_SETUP;
	}

	private String setupPage(AccountUser user, EnrollmentBinding session, Model model, Locale locale) {
		this.keyOnPage.addTo(model, user, this.twoFactor.pendingSecret(user.accountId(), session), locale);
		return "twofactor/setup";
	}

	private String codesPage(AccountUser user, List<RecoveryCode> codes, Model model, Locale locale) {
		this.sheet.addTo(model, codes, user.getUsername(), locale);
		return "twofactor/setup-codes";
	}

}
