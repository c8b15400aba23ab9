package io.zdash.twofactor;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountUser;
import io.zdash.account.SignInFactors;
import io.zdash.support.Backoff;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second sign-in step, reached with the password factor only: a code from the authenticator
 * app, or a recovery code instead. Both end the same way: the session gains {@code FACTOR_TOTP}, a
 * new id, and goes on to the page first asked for.
 */
@Controller
class SecondStepController {

	private final TwoFactorService twoFactor;

	private final SessionFactors sessionFactors;

	private final TwoFactorProperties properties;

	private final Clock clock;

	private final SavedRequestAwareAuthenticationSuccessHandler onSuccess = new SavedRequestAwareAuthenticationSuccessHandler();

	SecondStepController(TwoFactorService twoFactor, SessionFactors sessionFactors, TwoFactorProperties properties,
			Clock clock) {
		this.twoFactor = twoFactor;
		this.sessionFactors = sessionFactors;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/login/totp")
	String codePage(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		return redirectIfNotPending(authentication, request, response).orElse("twofactor/login-totp");
	}

	@GetMapping("/login/recovery")
	String recoveryPage(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		return redirectIfNotPending(authentication, request, response).orElse("twofactor/login-recovery");
	}

	@PostMapping("/login/totp")
	String submitCode(@RequestParam(required = false) String code, @AuthenticationPrincipal AccountUser user,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model)
			throws IOException, ServletException {
		Optional<String> redirect = redirectIfNotPending(authentication, request, response);
		if (redirect.isPresent()) {
			return redirect.get();
		}
		SecondFactorResult result = OneTimeCode.parse(code)
			.map(parsed -> this.twoFactor.verifySignIn(user.accountId(), parsed))
			.orElse(SecondFactorResult.MALFORMED);
		return finish(result, "totp.error.wrong", "totp.error.format", "twofactor/login-totp", authentication,
				request, response, model);
	}

	@PostMapping("/login/recovery")
	String submitRecoveryCode(@RequestParam(required = false) String code, @AuthenticationPrincipal AccountUser user,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model)
			throws IOException, ServletException {
		Optional<String> redirect = redirectIfNotPending(authentication, request, response);
		if (redirect.isPresent()) {
			return redirect.get();
		}
		SecondFactorResult result = this.twoFactor.signInWithRecoveryCode(user.accountId(), code);
		if (result == SecondFactorResult.ACCEPTED) {
			request.getSession().setAttribute(RecoveryNotice.SESSION_ATTRIBUTE, Boolean.TRUE);
		}
		return finish(result, "recovery.error.wrong", "recovery.error.format", "twofactor/login-recovery",
				authentication, request, response, model);
	}

	private String finish(SecondFactorResult result, String wrongKey, String malformedKey, String page,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model)
			throws IOException, ServletException {
		switch (result) {
			case ACCEPTED -> {
				this.sessionFactors.grantCode(request, response);
				this.onSuccess.onAuthenticationSuccess(request, response, authentication);
				return null;
			}
			case REJECTED, MALFORMED -> {
				model.addAttribute("error", (result == SecondFactorResult.REJECTED) ? wrongKey : malformedKey);
				return page;
			}
			case START_OVER, THROTTLED -> {
				// Back to the password step, after the wait: the counter is the account's, not the session's.
				java.time.Duration wait = this.twoFactor.waitFor(((AccountUser) authentication.getPrincipal()).accountId());
				new SecurityContextLogoutHandler().logout(request, response, authentication);
				Backoff.tooManyRequests(response, wait);
				model.addAttribute("minutes", Backoff.minutes(wait));
				return "throttled";
			}
			case BLOCKED -> {
				model.addAttribute("error", "totp.error.blocked");
				return page;
			}
			default -> {
				return signOut("expired", authentication, request, response);
			}
		}
	}

	/**
	 * Sends away whoever should not be on the second step: someone already fully signed in, someone
	 * whose account has no 2FA, or a half-signed-in session older than its timeout.
	 */
	private Optional<String> redirectIfNotPending(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		if (!SignInFactors.has(authentication, SignInFactors.TOTP_ENROLLED) || SignInFactors.isComplete(authentication)) {
			return Optional.of("redirect:/");
		}
		Instant passwordAt = authentication.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map(FactorGrantedAuthority.class::cast)
			.filter(factor -> SignInFactors.PASSWORD.equals(factor.getAuthority()))
			.map(FactorGrantedAuthority::getIssuedAt)
			.findFirst()
			.orElse(Instant.EPOCH);
		if (passwordAt.plus(this.properties.signInTimeout()).isBefore(this.clock.instant())) {
			return Optional.of(signOut("expired", authentication, request, response));
		}
		return Optional.empty();
	}

	private String signOut(String reason, Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		return "redirect:/login?" + reason;
	}

}
