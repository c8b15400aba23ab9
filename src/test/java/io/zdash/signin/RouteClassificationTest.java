package io.zdash.signin;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.zdash.WebTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every handler of the application says who may reach it, and the sensitive ones say step-up: the
 * security rules are built from these declarations, so this is where a new route is caught.
 */
@WebTest
class RouteClassificationTest {

	/** POSTs that change something without a recent factor: each one a decision, not an accident. */
	private static final Set<String> CHANGES_WITHOUT_STEP_UP = Set.of("POST /signup", "POST /login/totp",
			"POST /login/recovery", "POST /security/confirm", "POST /instances", "POST /instances/{id}/rename",
			"POST /instances/{id}/delete", "POST /security/two-factor/setup", "POST /security/two-factor/setup/confirm", "POST /security/check-up",
			// Forgetting a trusted device only takes trust away: no re-check, so it is quick from any device.
			"POST /security/trusted-devices/{handle}/forget", "POST /security/trusted-devices/forget-all",
			// Links mailed to the account's own address: the link is the proof, and they are paced.
			"POST /email/verify", "POST /security/email/verify/resend", "POST /password/forgot", "POST /password/reset",
			// A lost authenticator: asked for after the password, confirmed by the mailed link; cancelling takes nothing away.
			"POST /login/lost-device", "POST /recovery/lost-device", "POST /security/lost-device/cancel",
			// A key's signature at the second step, at sign-in and at the re-check; their options only
			// begin a ceremony (a challenge of this session, five minutes long).
			"POST /login/passkey", "POST /login/passkey/options", "POST /login/with-passkey",
			"POST /login/with-passkey/options", "POST /security/confirm/passkey-options",
			// Revoking API tokens only takes access away; the API creates instances as the dashboard does.
			"POST /security/tokens/{id}/revoke", "POST /security/tokens/revoke-all", "POST /api/v1/instances");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	SignInSecurity signIn;

	@Test
	void whenAnyHandlerOfTheApplicationIsMappedThenItDeclaresWhoMayReachIt() {
		List<String> unclassified = this.mapping.getHandlerMethods()
			.entrySet()
			.stream()
			.filter(e -> e.getValue().getBeanType().getPackageName().startsWith("io.zdash"))
			.filter(e -> RouteRules.accessOf(e.getValue()) == null)
			.map(e -> e.getKey() + " -> " + e.getValue())
			.toList();
		assertThat(unclassified).isEmpty();
		assertThat(this.signIn.rules().unclassified()).isEmpty();
		assertThat(this.signIn.rules().routes()).extracting(RouteRules.Route::pattern)
			.contains("/", "/login", "/login/totp", "/security", "/admin", "/instances/{id}/token");
	}

	@Test
	void whenAPostChangesSomethingThenItNeedsStepUpOrIsAKnownException() {
		Set<String> withoutStepUp = new TreeSet<>();
		for (RouteRules.Route route : this.signIn.rules().routes()) {
			Access.Level level = route.access().value();
			if (HttpMethod.POST.equals(route.method()) && level != Access.Level.STEP_UP && level != Access.Level.ADMIN) {
				withoutStepUp.add("POST " + route.pattern());
			}
		}
		assertThat(withoutStepUp).isEqualTo(new TreeSet<>(CHANGES_WITHOUT_STEP_UP));
	}

	@Test
	void whenSensitiveActionsAreMappedThenEachNeedsStepUp() {
		for (String pattern : List.of("/instances/{id}/token", "/instances/{id}/token/rotate", "/security/two-factor/disable",
				"/security/recovery-codes", "/security/password", "/security/email", "/security/sessions/{handle}/revoke",
				"/security/sessions/revoke-others", "/security/passkeys", "/security/passkeys/options",
				"/security/passkeys/{id}/rename", "/security/passkeys/{id}/remove", "/security/two-factor/apps",
				"/security/two-factor/apps/{id}/rename", "/security/two-factor/apps/{id}/remove", "/security/tokens",
				"/api/v1/instances/{id}/token/rotate")) {
			assertThat(levelOf(HttpMethod.POST, pattern)).as(pattern).isEqualTo(Access.Level.STEP_UP);
		}
		this.signIn.rules().routes().stream().filter(r -> r.pattern().startsWith("/admin"))
			.forEach(r -> assertThat(r.access().value()).as(r.pattern()).isEqualTo(Access.Level.ADMIN));
	}

	@Test
	void whenAPostMayAskForARecheckThenItNamesItsActionForThePage() {
		List<String> unnamed = this.signIn.rules().routes().stream()
			.filter(r -> HttpMethod.POST.equals(r.method()))
			// The JSON API has no re-check page: a session without a fresh factor gets a 403 problem.
			.filter(r -> !r.pattern().startsWith("/api/"))
			.filter(r -> r.access().value() == Access.Level.STEP_UP || r.access().value() == Access.Level.ADMIN)
			.filter(r -> !r.access().confirms().startsWith("stepup.action."))
			.map(r -> r.pattern() + " (" + r.handler() + ")")
			.toList();
		assertThat(unnamed).isEmpty();
		assertThat(this.signIn.stepUpAction("/instances/ABC/token")).contains("stepup.action.revealToken");
		assertThat(this.signIn.stepUpAction("/instances/ABC/token/rotate")).contains("stepup.action.rotateToken");
		assertThat(this.signIn.stepUpAction("/instances/ABC/rename")).isEmpty();
		assertThat(this.signIn.stepUpAction("//evil.example/instances/ABC/token")).isEmpty();
		assertThat(this.signIn.stepUpAction("https://evil.example/")).isEmpty();
		assertThat(this.signIn.stepUpAction(null)).isEmpty();
	}

	@Test
	void whenAnApiRouteIsMappedThenItNamesAKnownScopeAndPagesNameNone() {
		Set<String> scopes = java.util.Arrays.stream(io.zdash.apitoken.Scope.values()).map(io.zdash.apitoken.Scope::value)
			.collect(java.util.stream.Collectors.toSet());
		for (RouteRules.Route route : this.signIn.rules().routes()) {
			if (route.pattern().startsWith("/api/")) {
				assertThat(scopes).as(route.method() + " " + route.pattern()).contains(route.access().scope());
				boolean reads = HttpMethod.GET.equals(route.method()) || HttpMethod.HEAD.equals(route.method());
				boolean secret = route.pattern().endsWith("/token") || route.pattern().endsWith("/rotate");
				if (!reads || secret) {
					assertThat(route.access().scope()).as(route.method() + " " + route.pattern()).isNotEqualTo("instances:read")
						.isNotEqualTo("security:read");
				}
			}
			else {
				assertThat(route.access().scope()).as(route.pattern()).isEmpty();
			}
		}
		assertThat(this.signIn.rules().routes()).extracting(RouteRules.Route::pattern).contains("/api/v1/instances",
				"/api/v1/instances/{id}/token", "/api/v1/admin/accounts");
		this.signIn.rules().routes().stream().filter(r -> r.pattern().startsWith("/api/v1/admin"))
			.forEach(r -> assertThat(r.access().value()).isEqualTo(Access.Level.ADMIN));
	}

	@Test
	void whenAGuessablePostIsMappedThenItIsLimitedPerAddress() {
		assertThat(this.signIn.rules().limitedPerAddress()).extracting(RouteRules.Route::pattern)
			.containsExactlyInAnyOrder("/signup", "/login/totp", "/login/recovery", "/security/confirm", "/email/verify",
					"/password/forgot", "/password/reset", "/recovery/lost-device", "/login/passkey", "/login/with-passkey");
	}

	@Test
	void whenAHandlerDeclaresNothingThenItIsFoundAndRefused() throws Exception {
		RequestMappingHandlerMapping handlers = new RequestMappingHandlerMapping();
		handlers.registerMapping(RequestMappingInfo.paths("/forgotten").methods(RequestMethod.POST).build(),
				new Unmarked(), Unmarked.class.getDeclaredMethod("change"));
		RouteRules rules = RouteRules.of(handlers, SignInSecurity.APPLICATION);
		assertThat(rules.unclassified()).extracting(RouteRules.Route::pattern).containsExactly("/forgotten");
	}

	private Access.Level levelOf(HttpMethod method, String pattern) {
		return this.signIn.rules().routes().stream()
			.filter(r -> method.equals(r.method()) && r.pattern().equals(pattern))
			.map(r -> r.access().value())
			.findFirst()
			.orElseThrow(() -> new AssertionError("No route " + method + " " + pattern));
	}

	/** A controller someone forgot to classify. */
	@Controller
	static class Unmarked {

		String change() {
			return "redirect:/";
		}

	}

}
