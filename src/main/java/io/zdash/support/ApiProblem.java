package io.zdash.support;

import java.util.List;

/**
 * A JSON API failure that a controller answers with, turned into an RFC 9457 problem response by
 * the web shell. {@code type} is a stable slug (the response's type is {@code urn:zdash:problem:}
 * and the slug), which scripts may rely on; {@code detail} is for people and may change.
 */
public final class ApiProblem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** One bad field of a request: its name (as in the JSON) and what is wrong with it. */
	public record FieldError(String field, String message) {
	}

	private final int status;

	private final String type;

	private final String title;

	private final List<FieldError> errors;

	public ApiProblem(int status, String type, String title, String detail, List<FieldError> errors) {
		super(detail, null, false, false);
		this.status = status;
		this.type = type;
		this.title = title;
		this.errors = List.copyOf(errors);
	}

	/** Absent, or another account's: the same answer, so nothing tells which. */
	public static ApiProblem notFound(String what) {
		return new ApiProblem(404, "not-found", "Not found", "No " + what + " with this id in your account.", List.of());
	}

	public static ApiProblem invalid(String field, String message) {
		return new ApiProblem(422, "invalid-request", "Invalid request", "A field of the request is not valid.",
				List.of(new FieldError(field, message)));
	}

	public static ApiProblem conflict(String type, String detail) {
		return new ApiProblem(409, type, "Conflict", detail, List.of());
	}

	public int status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
