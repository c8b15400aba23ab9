package io.zdash.signin;

import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;

/** A token's denial by {@link ApiAccess}, naming the scope it lacks (the 403 problem says which). */
public final class ApiAccessDenial extends AuthorizationDecision {

	private final String scope;

	ApiAccessDenial(String scope) {
		super(false);
		this.scope = scope;
	}

	/** The scope a token lacked, when this denial was a token's. */
	public static Optional<String> missingScope(AccessDeniedException denied) {
		return (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof ApiAccessDenial token)
				? Optional.of(token.scope) : Optional.empty();
	}

	@Override
	public String toString() {
		return "ApiAccessDenial[scope=" + this.scope + "]";
	}

}
