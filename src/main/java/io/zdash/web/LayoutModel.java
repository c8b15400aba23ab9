package io.zdash.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import io.zdash.account.AccountUser;
import io.zdash.support.ApiRequests;
import io.zdash.account.EmailAddress;
import io.zdash.account.EmailVerification;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvents;
import io.zdash.signin.Factors;
import io.zdash.signin.RequiredFactors;
import io.zdash.signin.TwoFactorPolicy;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** What the shared layout needs on every page. */
@ControllerAdvice
class LayoutModel {

	static final List<String> LANGUAGES = List.of("en", "pt-BR");

	/** The parameters of a re-check that its page's GET takes too. */
	private static final List<String> CARRIED_OVER = List.of("continue", "action");

	/** The navigation shows only once every factor is in: not on the code page of a half sign-in. */
	@ModelAttribute("signedIn")
	boolean signedIn(Authentication authentication) {
		return Factors.isComplete(authentication);
	}

	private final SecurityEvents events;

	private final Clock clock;

	private final EmailVerification verification;

	private final TwoFactorPolicy policy;

	private final RequiredFactors requiredFactors;

	LayoutModel(SecurityEvents events, Clock clock, EmailVerification verification, TwoFactorPolicy policy,
			RequiredFactors requiredFactors) {
		this.events = events;
		this.clock = clock;
		this.verification = verification;
		this.policy = policy;
		this.requiredFactors = requiredFactors;
	}

	/**
	 * 2FA will be required of everyone from a date still ahead, and this account has none: every
	 * page says from when, with the days left and "Set up now".
	 */
	@ModelAttribute
	void twoFactorDeadline(Authentication authentication, HttpServletRequest request, Model model) {
		if (!Factors.isComplete(authentication) || !(authentication.getPrincipal() instanceof AccountUser user)
				|| request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) != null || ApiRequests.is(request)) {
			return;
		}
		try {
			this.policy.requiredFrom()
				.filter(this.clock.instant()::isBefore)
				.filter(deadline -> !this.requiredFactors.hasSecondFactor(user.accountId()))
				.ifPresent(deadline -> {
					model.addAttribute("twoFactorDeadline", deadline);
					// Whole days left, a part of a day counting as one.
					model.addAttribute("twoFactorDaysLeft",
							Math.max(1, (Duration.between(this.clock.instant(), deadline).toHours() + 23) / 24));
				});
		}
		catch (DataAccessException unavailable) {
			// A banner is not worth an error page.
		}
	}

	/**
	 * The account's address (masked) while it is not confirmed: every page asks for it, with
	 * "send the link again".
	 */
	@ModelAttribute("unverifiedEmail")
	String unverifiedEmail(Authentication authentication, HttpServletRequest request) {
		if (!Factors.isComplete(authentication) || !(authentication.getPrincipal() instanceof AccountUser user)
				|| request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) != null || ApiRequests.is(request)) {
			return null;
		}
		try {
			return this.verification.isVerified(user.accountId()) ? null : EmailAddress.masked(user.getUsername());
		}
		catch (DataAccessException unavailable) {
			return null;
		}
	}

	/**
	 * A code the person used was sent again from another browser in the last day: every page says
	 * so, with where from, until the day is over (the security log keeps it).
	 */
	@ModelAttribute("codeTriedAgain")
	SecurityEvents.Entry codeTriedAgain(Authentication authentication, HttpServletRequest request) {
		if (!Factors.isComplete(authentication) || !(authentication.getPrincipal() instanceof AccountUser user)
				|| request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) != null || ApiRequests.is(request)) {
			return null;
		}
		try {
			return this.events
				.latest(user.accountId(), SecurityEvent.Type.USED_CODE_TRIED_AGAIN, this.clock.instant().minus(Duration.ofDays(1)))
				// Once the password is changed, the advice is followed: no more banner.
				.filter(alert -> this.events.latest(user.accountId(), SecurityEvent.Type.PASSWORD_CHANGED, alert.occurredAt())
					.isEmpty())
				.orElse(null);
		}
		catch (DataAccessException unavailable) {
			// A banner is not worth an error page: the database's trouble shows elsewhere.
			return null;
		}
	}

	@ModelAttribute("isAdmin")
	boolean isAdmin(Authentication authentication) {
		return Factors.isComplete(authentication) && Factors.has(authentication, "ROLE_ADMIN");
	}

	/**
	 * The header's language links: this page (its query kept, a re-check's {@code continue} and
	 * {@code action} or a log's filters included) in each language. Relative, never built from the
	 * Host header. A page that answers a POST links to the GET of its path (every such path has one).
	 */
	@ModelAttribute("languageLinks")
	Map<String, String> languageLinks(HttpServletRequest request) {
		Object errorUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (errorUri instanceof String original) ? original : request.getRequestURI();
		String query = ("GET".equals(request.getMethod()) && errorUri == null) ? request.getQueryString()
				: carriedOver(request);
		Map<String, String> links = new LinkedHashMap<>();
		for (String language : LANGUAGES) {
			links.put(language, link(path, query, language));
		}
		return links;
	}

	/** What a page answering a POST needs to be shown again by its GET: a re-check's way back. */
	private static String carriedOver(HttpServletRequest request) {
		java.util.StringJoiner query = new java.util.StringJoiner("&");
		for (String name : CARRIED_OVER) {
			String value = request.getParameter(name);
			if (value != null && value.length() <= 200) {
				// Encoded as a query parameter value: braces, plus signs and ampersands stay themselves.
				query.add(name + "=" + UriUtils.encodeQueryParam(value, java.nio.charset.StandardCharsets.UTF_8)
					.replace("+", "%2B"));
			}
		}
		return (query.length() == 0) ? null : query.toString();
	}

	static String link(String path, String query, String language) {
		try {
			return UriComponentsBuilder.fromPath(path).query(query).replaceQueryParam("lang", language).build(true)
				.toUriString();
		}
		catch (IllegalArgumentException malformed) {
			return "?lang=" + language;
		}
	}

}
