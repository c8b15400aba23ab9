package io.zdash.web;

import java.time.Clock;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import io.zdash.account.AccountSessions;
import io.zdash.apitoken.BearerTokens;
import io.zdash.account.PasswordStepDetails;
import io.zdash.account.PasswordStepSuccess;
import io.zdash.signin.SignInSecurity;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Wiring of the two filter chains, one per concern: {@code /api/**} answers 401/403 as JSON
 * problems, browser pages redirect to the sign-in step that is missing. The rules themselves are the
 * controllers' {@code @Access} declarations and the factor rule, both from {@code signin}; here is
 * only what belongs to no controller (static files, health, metrics) and the headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	/**
	 * The API's Swagger UI page: the same policy, but for the one style element its bundle writes,
	 * allowed by its hash only (never 'unsafe-inline'). A new Swagger UI version changes the hash,
	 * and {@code ApiDocsBrowserTest} fails until it is updated here.
	 */
	static final String SWAGGER_UI_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
			"style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='");

	/**
	 * Adds the factor rule to every {@code authenticated()} and {@code hasRole()} check of both chains.
	 * Spring Security 7.0 has no per-user factor requirement of its own (7.1 adds {@code when}).
	 */
	@Bean
	DefaultAuthorizationManagerFactory<RequestAuthorizationContext> authorizationManagerFactory() {
		DefaultAuthorizationManagerFactory<RequestAuthorizationContext> factory = new DefaultAuthorizationManagerFactory<>();
		factory.setAdditionalAuthorization(SignInSecurity.allFactorsOfAccount()::authorize);
		return factory;
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

	/** First of all, on every dispatch (the error page's too): a request whose parameters cannot be read. */
	@Bean
	FilterRegistrationBean<UnreadableRequestFilter> unreadableRequestFilter() {
		FilterRegistrationBean<UnreadableRequestFilter> registration = new FilterRegistrationBean<>(
				new UnreadableRequestFilter());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 20);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

	@Bean
	FilterRegistrationBean<ErrorPathGuard> errorPathGuard() {
		FilterRegistrationBean<ErrorPathGuard> registration = new FilterRegistrationBean<>(new ErrorPathGuard());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 15);
		return registration;
	}

	/** Before Spring Session's filter, which reads the session from the database. */
	@Bean
	FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter() {
		FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(new DatabaseOutageFilter());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 10);
		return registration;
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, SessionValidityFilter sessionValidity, SignInSecurity signIn,
			BearerTokens tokens, Clock clock) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		http.securityMatcher("/api/**")
			.addFilterBefore(new ApiBodyLimit(problems), SecurityContextHolderFilter.class)
			.addFilterAfter(sessionValidity, SecurityContextHolderFilter.class)
			.addFilterBefore(new BearerTokenFilter(tokens, problems, clock), CsrfFilter.class)
			// A token is sent by a script, never by a browser on its own: no CSRF to guard against.
			// A session's calls (same origin, from our pages) still need the CSRF token.
			.csrf(csrf -> csrf.ignoringRequestMatchers(BearerTokenFilter.WITH_TOKEN))
			.authorizeHttpRequests(auth -> {
				signIn.authorizeApiRoutes(auth);
				auth.anyRequest().authenticated();
			})
			.exceptionHandling(ex -> ex.authenticationEntryPoint(problems::unauthorized)
				// A session missing a factor is answered 401 there too (it is not complete).
				.accessDeniedHandler(problems::forbidden))
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain browserChain(HttpSecurity http, SignInSecurity signIn, PasswordStepSuccess passwordStepSuccess,
			WebProperties properties, Clock clock, SessionValidityFilter sessionValidity) throws Exception {
		AuthenticationManager factors = signIn.authenticationManager();
		http.authenticationManager(factors)
			.addFilterAfter(sessionValidity, SecurityContextHolderFilter.class)
			.authorizeHttpRequests(auth -> {
				auth.requestMatchers("/error", "/css/**", "/js/**", "/favicon.ico", "/actuator/health", "/actuator/health/**")
					.permitAll()
					.requestMatchers("/actuator/**")
					.hasRole("ADMIN");
				signIn.authorizeRoutes(auth);
				auth.anyRequest().authenticated();
			})
			.formLogin(form -> form.loginPage("/login").usernameParameter("email").passwordParameter("password")
				.authenticationDetailsSource(PasswordStepDetails::of)
				.successHandler(passwordStepSuccess)
				.failureHandler(new SignInFailureHandler())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.exceptionHandling(signIn::handleMissingFactors)
			.headers(headers -> headers.addHeaderWriter(contentSecurityPolicy())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.addFilterBefore(new ClientAddressLimiter(signIn.limitedPerAddress(), properties.clientLimit().capacity(),
					properties.clientLimit().refillEvery(), clock), UsernamePasswordAuthenticationFilter.class);
		signIn.addFactorFilters(http, factors, passwordStepSuccess);
		return http.build();
	}

	/** One policy header per response: Swagger UI's on its pages, ours everywhere else. */
	private static HeaderWriter contentSecurityPolicy() {
		RequestMatcher swaggerUi = PathPatternRequestMatcher.withDefaults()
			.matcher("/swagger-ui/**");
		StaticHeadersWriter swaggerPolicy = new StaticHeadersWriter("Content-Security-Policy", SWAGGER_UI_POLICY);
		StaticHeadersWriter pagesPolicy = new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		return (request, response) -> (swaggerUi.matches(request) ? swaggerPolicy : pagesPolicy).writeHeaders(request,
				response);
	}

}
