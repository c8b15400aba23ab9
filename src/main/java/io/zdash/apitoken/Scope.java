package io.zdash.apitoken;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a personal access token may do. The names are the API's contract (in its description and in
 * each route's {@code @Access(scope = …)}); {@code admin:read} is offered to administrators only.
 */
public enum Scope {

	INSTANCES_READ("instances:read"), INSTANCES_WRITE("instances:write"), SECURITY_READ("security:read"),
	ADMIN_READ("admin:read");

	private final String value;

	Scope(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	/** The authority a token of this scope carries (see {@code signin.ApiAccess}). */
	String authority() {
		return "SCOPE_" + this.value;
	}

	public static Optional<Scope> of(String value) {
		return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
	}

}
