package io.zdash.apitoken;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.AccountUser;
import io.zdash.signin.Access;
import io.zdash.signin.RequiredFactors;
import io.zdash.signin.TwoFactorPolicy;
import io.zdash.support.Origin;
import io.zdash.support.RowId;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Security → Personal access tokens: the list, a new token (after a re-check, as for any new way
 * into the account), revoking one or all. A new token is shown in the answer to the POST itself,
 * never in a redirect's flash, so it is not written to the session store even for a moment.
 */
@Controller
class AccessTokenController {

	static final String PAGE = "/security/tokens";

	private final AccessTokens tokens;

	private final TwoFactorPolicy policy;

	private final RequiredFactors factors;

	private final Clock clock;

	AccessTokenController(AccessTokens tokens, TwoFactorPolicy policy, RequiredFactors factors, Clock clock) {
		this.tokens = tokens;
		this.policy = policy;
		this.factors = factors;
		this.clock = clock;
	}

	@GetMapping(PAGE)
	@Access(Access.Level.SIGNED_IN)
	String list(@AuthenticationPrincipal AccountUser user, Model model) {
		return page(user, model, TokenForm.empty());
	}

	@PostMapping(PAGE)
	@Access(value = Access.Level.STEP_UP, confirms = "stepup.action.createToken")
	String create(@ModelAttribute TokenForm form, @AuthenticationPrincipal AccountUser user, Origin origin, Model model,
			HttpServletResponse response) {
		if (this.policy.requiredFrom().isPresent() && !this.factors.hasSecondFactor(user.accountId())) {
			model.addAttribute("error", "tokens.error.twoFactorRequired");
			return page(user, model, form);
		}
		if (!this.tokens.mayCreateMore(user.accountId())) {
			model.addAttribute("error", "tokens.error.tooMany");
			return page(user, model, form);
		}
		TokenForm.Result result = form.check(this.clock.instant(), isAdmin(user));
		if (result.problem() != null) {
			model.addAttribute("error", result.problem());
			return page(user, model, form);
		}
		TokenForm.Checked checked = result.checked();
		AccessTokens.Created created = this.tokens.create(user.accountId(), checked.name(), checked.scopes(),
				checked.expiresAt(), origin);
		// The page holds a secret: not in any cache, not in the browser's history of pages.
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("created", created.token());
		model.addAttribute("secret", created.secret());
		return page(user, model, TokenForm.empty());
	}

	@PostMapping(PAGE + "/{id}/revoke")
	@Access(Access.Level.SIGNED_IN)
	String revoke(@PathVariable String id, @AuthenticationPrincipal AccountUser user, Origin origin,
			RedirectAttributes redirect) {
		boolean revoked = RowId.parse(id).filter(token -> this.tokens.revoke(user.accountId(), token, origin)).isPresent();
		redirect.addFlashAttribute("notice", revoked ? "tokens.notice.revoked" : "tokens.notice.gone");
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/revoke-all")
	@Access(Access.Level.SIGNED_IN)
	String revokeAll(@AuthenticationPrincipal AccountUser user, Origin origin, RedirectAttributes redirect) {
		this.tokens.revokeAll(user.accountId(), "owner", origin);
		redirect.addFlashAttribute("notice", "tokens.notice.revokedAll");
		return "redirect:" + PAGE;
	}

	private String page(AccountUser user, Model model, TokenForm form) {
		List<Scope> offered = Arrays.stream(Scope.values()).filter(s -> isAdmin(user) || s != Scope.ADMIN_READ).toList();
		model.addAttribute("tokens", this.tokens.of(user.accountId()));
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("scopes", offered);
		model.addAttribute("form", form);
		model.addAttribute("maxDate", java.time.LocalDate.ofInstant(this.clock.instant(), java.time.ZoneOffset.UTC)
			.plusDays(TokenForm.MAX_DAYS - 1));
		return "apitoken/tokens";
	}

	private static boolean isAdmin(AccountUser user) {
		return user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

}
