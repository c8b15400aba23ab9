package io.zdash.signin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What the web shell's filter chain takes from sign-in: the routes' rules as the controllers
 * declared them, where a missing factor sends the browser, the factor steps' filters and the
 * authentication manager over every factor's provider.
 */
@Component
public class SignInSecurity {

	private static final Logger log = LoggerFactory.getLogger(SignInSecurity.class);

	/** The application's own packages (this one's parent): their handlers must declare {@link Access}. */
	static final String APPLICATION = SignInSecurity.class.getPackageName()
		.substring(0, SignInSecurity.class.getPackageName().lastIndexOf('.'));

	private final RequestMappingHandlerMapping mapping;

	private final List<AuthenticationProvider> providers;

	private final AuthorizationManager<Object> stepUp;

	private final AuthorizationManager<Object> halfSignIn;

	private final AuthorizationManager<Object> recentPassword;

	private volatile RouteRules rules;

	private final ObjectProvider<TrustedSignIn> secondStepEnds;

	SignInSecurity(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping,
			List<AuthenticationProvider> providers, SignInProperties properties, Clock clock,
			ObjectProvider<TrustedSignIn> secondStepEnds) {
		this.secondStepEnds = secondStepEnds;
		this.mapping = mapping;
		this.providers = providers;
		this.stepUp = new StepUp(properties.stepUpWindow(), clock);
		this.halfSignIn = new HalfSignInTimeout(properties.signInTimeout(), clock);
		this.recentPassword = StepUp.recent(Factors.PASSWORD, properties.stepUpWindow(), clock);
	}

	/** The factor rule that Spring applies to every {@code authenticated()} and {@code hasRole()}. */
	public static AuthorizationManager<Object> allFactorsOfAccount() {
		return new AllFactorsOfAccount();
	}

	/** One authentication manager for the password step and every factor step. */
	public AuthenticationManager authenticationManager() {
		return new ProviderManager(this.providers);
	}

	/** The rule of every controller route, as its {@link Access} says. Call before {@code anyRequest()}. */
	public void authorizeRoutes(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
		for (RouteRules.Route route : rules().routes()) {
			var matched = (route.method() != null) ? auth.requestMatchers(route.method(), route.pattern())
					: auth.requestMatchers(route.pattern());
			if (route.access() == null) {
				log.warn("Route {} {} of {} declares no @Access: refused to everyone", route.method(), route.pattern(),
						route.handler());
				matched.denyAll();
				continue;
			}
			switch (route.access().value()) {
				case PUBLIC -> matched.permitAll();
				case SECOND_STEP -> matched.access(this.halfSignIn::authorize);
				case ENROLLMENT -> matched.access(this.recentPassword::authorize);
				case SIGNED_IN -> matched.authenticated();
				case STEP_UP -> matched.access(this.stepUp::authorize);
				case ADMIN -> {
					if (route.changes()) {
						matched.access(AuthorizationManagers.allOf(this.stepUp::authorize,
								AuthorityAuthorizationManager.hasRole("ADMIN")));
					}
					else {
						matched.hasRole("ADMIN");
					}
				}
			}
		}
	}

	/**
	 * The rules of the JSON API's routes (under {@code /api/}), for the API's chain: each route's
	 * {@link ApiAccess}. Call before {@code anyRequest()}.
	 */
	public void authorizeApiRoutes(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
		AuthorizationManager<Object> signedIn = AuthorizationManagers.allOf(
				org.springframework.security.authorization.AuthenticatedAuthorizationManager.authenticated(),
				allFactorsOfAccount());
		for (RouteRules.Route route : rules().routes()) {
			if (!route.pattern().startsWith("/api/")) {
				continue;
			}
			var matched = (route.method() != null) ? auth.requestMatchers(route.method(), route.pattern())
					: auth.requestMatchers(route.pattern());
			if (route.access() == null) {
				matched.denyAll(); // as on the pages: a route that says nothing is refused to everyone
				continue;
			}
			AuthorizationManager<Object> session = switch (route.access().value()) {
				case STEP_UP -> this.stepUp;
				case ADMIN -> AuthorizationManagers.allOf(signedIn, AuthorityAuthorizationManager.hasRole("ADMIN"));
				default -> signedIn;
			};
			ApiAccess rule = new ApiAccess(session, route.access().scope(), route.access().value() == Access.Level.ADMIN);
			matched.access(rule::authorize);
		}
	}

	/** A browser missing a factor goes to its step; one with a stale factor, to the re-check. */
	public void handleMissingFactors(ExceptionHandlingConfigurer<HttpSecurity> exceptions) {
		exceptions.defaultDeniedHandlerForMissingAuthority(new FactorEntryPoint(Factors.TOTP, SignInRoutes.CODE_STEP, this),
				Factors.TOTP)
			.defaultDeniedHandlerForMissingAuthority(
					new FactorEntryPoint(Factors.PASSWORD, SignInRoutes.PASSWORD_STEP, this), Factors.PASSWORD);
	}

	/**
	 * The message key naming the action a re-check was asked for (see {@link Access#confirms}), if
	 * {@code path} is the path of such an action; anything else, typed or forged, names none.
	 */
	public java.util.Optional<String> stepUpAction(String path) {
		if (path == null || path.length() > 200 || !SafePath.of(path).equals(path)) {
			return java.util.Optional.empty();
		}
		return rules().actionAt(path);
	}

	/** The second step and the step-up re-check, after the rules have let the request in. */
	public void addFactorFilters(HttpSecurity http, AuthenticationManager manager,
			org.springframework.security.web.authentication.AuthenticationSuccessHandler signedIn) {
		http.addFilterAfter(FactorFilters.secondStep(manager, this.secondStepEnds.getObject()),
				AuthorizationFilter.class)
			.addFilterAfter(FactorFilters.stepUp(manager), AuthorizationFilter.class)
			.addFilterAfter(FactorFilters.passkeySignIn(manager, signedIn), AuthorizationFilter.class);
	}

	/** The password step and every POST whose handler is {@code limitedPerAddress}. */
	public RequestMatcher limitedPerAddress() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		List<RequestMatcher> matchers = new ArrayList<>();
		matchers.add(paths.matcher(HttpMethod.POST, SignInRoutes.PASSWORD_STEP));
		rules().limitedPerAddress().forEach(route -> matchers.add(paths.matcher(route.method(), route.pattern())));
		return new OrRequestMatcher(matchers);
	}

	RouteRules rules() {
		if (this.rules == null) {
			this.rules = RouteRules.of(this.mapping, APPLICATION);
		}
		return this.rules;
	}

}
