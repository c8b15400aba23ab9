package io.zdash.signin;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * The rule of one JSON API route. A personal access token needs the route's scope (an
 * administrator's route, the role too, which the account may have lost since); it can re-check no
 * factor, so the route's level does not apply to it. A browser session is held to the route's
 * level, as on the pages.
 */
final class ApiAccess implements AuthorizationManager<Object> {

	/** The authority of a token's scope: {@code SCOPE_instances:read}. */
	static final String SCOPE_AUTHORITY = "SCOPE_";

	private final AuthorizationManager<Object> session;

	private final String scope;

	private final boolean admin;

	ApiAccess(AuthorizationManager<Object> session, String scope, boolean admin) {
		this.session = session;
		this.scope = scope;
		this.admin = admin;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Object object) {
		Authentication current = authentication.get();
		if (!Factors.withToken(current)) {
			return this.session.authorize(authentication, object);
		}
		if (this.scope.isEmpty() || !Factors.has(current, SCOPE_AUTHORITY + this.scope)) {
			return new ApiAccessDenial(this.scope);
		}
		// The scope is there, the role is not (any more): a plain denial, not "get another scope".
		return new AuthorizationDecision(!this.admin || Factors.has(current, "ROLE_ADMIN"));
	}

}
