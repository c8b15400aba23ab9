package io.zdash.web;

import java.time.Clock;

import io.zdash.account.AccountSessions;
import io.zdash.account.SignInFactors;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two filter chains, one per concern: {@code /api/**} answers 401/403 as JSON problems, browser pages
 * redirect to the sign-in step that is missing. Both apply the same rule through the
 * {@link DefaultAuthorizationManagerFactory}: a request is authenticated only when the session has
 * every factor its account needs ({@link SignInFactors#isComplete}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	private static AllRequiredFactorsAuthorizationManager<RequestAuthorizationContext> recentPassword(
			WebProperties properties, Clock clock) {
		AllRequiredFactorsAuthorizationManager<RequestAuthorizationContext> manager = AllRequiredFactorsAuthorizationManager
			.<RequestAuthorizationContext>builder()
			.requireFactor(factor -> factor.passwordAuthority().validDuration(properties.stepUpWindow()))
			.build();
		manager.setClock(clock);
		return manager;
	}

	/** Sensitive actions: they need the strongest factor entered within the step-up window. */
	static final String[] STEP_UP_ACTIONS = { "/instances/*/token", "/instances/*/token/rotate", "/security/two-factor/disable",
			"/security/recovery-codes", "/security/password", "/security/email", "/security/sessions/**" };

	/**
	 * Adds the factor rule to every {@code authenticated()} and {@code hasRole()} check of both chains.
	 * Spring Security 7.0 has no per-user factor requirement of its own (7.1 adds {@code when}).
	 */
	@Bean
	DefaultAuthorizationManagerFactory<RequestAuthorizationContext> authorizationManagerFactory(
			AuthorizationManager<Object> allFactorsOfAccount) {
		DefaultAuthorizationManagerFactory<RequestAuthorizationContext> factory = new DefaultAuthorizationManagerFactory<>();
		factory.setAdditionalAuthorization(allFactorsOfAccount::authorize);
		return factory;
	}

	@Bean
	AuthorizationManager<Object> allFactorsOfAccount() {
		return new AllFactorsOfAccount();
	}

	/** Not a servlet filter of its own: it runs inside both chains, after the session's context is loaded. */
	@Bean
	SessionValidityFilter sessionValidityFilter(AccountSessions sessions, WebProperties properties, Clock clock) {
		return new SessionValidityFilter(sessions, properties.sessionLifetime(), clock);
	}

	@Bean
	FilterRegistrationBean<SessionValidityFilter> sessionValidityFilterRegistration(SessionValidityFilter filter) {
		FilterRegistrationBean<SessionValidityFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/** Before Spring Session's filter, which reads the session from the database. */
	@Bean
	FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter() {
		FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(new DatabaseOutageFilter());
		registration.setOrder(org.springframework.session.web.http.SessionRepositoryFilter.DEFAULT_ORDER - 10);
		return registration;
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, SessionValidityFilter sessionValidity) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		http.securityMatcher("/api/**")
			.addFilterAfter(sessionValidity, SecurityContextHolderFilter.class)
			.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
			.exceptionHandling(ex -> ex.authenticationEntryPoint(problems::unauthorized)
				.defaultDeniedHandlerForMissingAuthority(problems::unauthorized, SignInFactors.TOTP)
				.defaultDeniedHandlerForMissingAuthority(problems::unauthorized, SignInFactors.PASSWORD))
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain browserChain(HttpSecurity http, WebProperties properties, Clock clock,
			SessionValidityFilter sessionValidity) throws Exception {
		RecentFactor recentFactor = new RecentFactor(properties.stepUpWindow(), clock);
		http.addFilterAfter(sessionValidity, SecurityContextHolderFilter.class)
			.authorizeHttpRequests(auth -> auth
			.requestMatchers("/login", "/signup", "/error", "/throttled", "/unavailable", "/css/**", "/js/**",
					"/favicon.ico", "/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("ADMIN")
			// The email-change link works in any browser: its single-use token is the proof, not a session.
			.requestMatchers(HttpMethod.GET, "/security/email/confirm")
			.permitAll()
			// The second step itself needs only the password: this check bypasses the factor rule.
			.requestMatchers("/login/totp", "/login/recovery")
			.access(AuthorityAuthorizationManager.hasAuthority(SignInFactors.PASSWORD))
			// Binding a new authenticator is a sensitive change: a recently entered password, even for
			// someone who must enroll before anything else (they just typed it).
			.requestMatchers(HttpMethod.POST, "/security/two-factor/setup", "/security/two-factor/setup/confirm")
			.access(recentPassword(properties, clock))
			.requestMatchers("/security/two-factor/setup")
			.access(AuthorityAuthorizationManager.hasAuthority(SignInFactors.PASSWORD))
			.requestMatchers(HttpMethod.POST, "/admin/**")
			.access(AuthorizationManagers.allOf(recentFactor, AuthorityAuthorizationManager.hasRole("ADMIN")))
			.requestMatchers(HttpMethod.POST, STEP_UP_ACTIONS)
			.access(recentFactor)
			.requestMatchers("/admin/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login").usernameParameter("email").passwordParameter("password")
				.failureHandler(new SignInFailureHandler()))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.exceptionHandling(ex -> ex
				.defaultDeniedHandlerForMissingAuthority(new FactorEntryPoint(SignInFactors.TOTP, "/login/totp"),
						SignInFactors.TOTP)
				.defaultDeniedHandlerForMissingAuthority(new FactorEntryPoint(SignInFactors.PASSWORD, "/login"),
						SignInFactors.PASSWORD))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.addFilterBefore(new ClientAddressLimiter(properties.clientLimit().capacity(),
					properties.clientLimit().refillEvery(), clock), UsernamePasswordAuthenticationFilter.class);
		return http.build();
	}

}
