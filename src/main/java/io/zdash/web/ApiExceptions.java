package io.zdash.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.zdash.support.ApiProblem;
import io.zdash.support.ApiRequests;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of a JSON API request as an RFC 9457 problem (never an HTML page, never a stack
 * trace): the controllers' {@link ApiProblem}s and Spring MVC's own refusals of a request it
 * cannot take. Only for paths under {@code /api/}; the pages have their own error pages.
 */
@RestControllerAdvice
// After the pages' handlers (ErrorPages answers outages, for the API too): this one's catch-all
// must not take what another advice handles.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
class ApiExceptions {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiExceptions.class);

	/**
	 * One entry for all, so the path is checked once: elsewhere the exception goes on to the
	 * pages' handling (Spring MVC's other resolvers take a rethrown exception as unhandled here).
	 */
	@ExceptionHandler({ ApiProblem.class, HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			MissingServletRequestParameterException.class, HttpMediaTypeNotSupportedException.class,
			HttpMediaTypeNotAcceptableException.class, HttpRequestMethodNotSupportedException.class,
			NoResourceFoundException.class })
	ResponseEntity<ProblemDetail> handle(Exception ex, HttpServletRequest request) throws Exception {
		if (!ApiRequests.is(request)) {
			throw ex;
		}
		return answer(body(ex));
	}

	private static ProblemDetail body(Exception ex) {
		if (ex instanceof ApiProblem problem) {
			return problem(problem);
		}
		if (ex instanceof HttpMessageNotReadableException unreadable) {
			return unreadable(unreadable);
		}
		if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			return invalid("invalid-request", "A parameter of the request is not valid.",
					List.of(Map.of("field", safe(mismatch.getName()), "message", "not a valid value")));
		}
		if (ex instanceof MissingServletRequestParameterException missing) {
			return invalid("invalid-request", "A parameter of the request is missing.",
					List.of(Map.of("field", safe(missing.getParameterName()), "message", "required")));
		}
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return detail(415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json.");
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			return detail(406, "not-acceptable", "Not acceptable", "This API answers application/json.");
		}
		if (ex instanceof HttpRequestMethodNotSupportedException) {
			return detail(405, "method-not-allowed", "Method not allowed",
					"This path does not take this method; see the API description at /v3/api-docs.");
		}
		return detail(404, "not-found", "Not found", "No such path in this API; see /v3/api-docs.");
	}

	/** Anything else: a bug. Logged with its trace; the answer says nothing of it. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) throws Exception {
		if (!ApiRequests.is(request)) {
			throw ex;
		}
		log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), ex);
		return answer(detail(500, "internal-error", "Internal error",
				"Something went wrong on our side; nothing you sent caused it. Try again later."));
	}

	private static ProblemDetail problem(ApiProblem problem) {
		ProblemDetail body = detail(problem.status(), problem.type(), problem.title(), problem.getMessage());
		if (!problem.errors().isEmpty()) {
			body.setProperty("errors",
					problem.errors().stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
		}
		return body;
	}

	/** Malformed JSON, a wrong type, an unknown field, a body over the cap. */
	private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApiBodyLimit.TooLarge) {
				return detail(413, "body-too-large", "Request body too large",
						"A request body may have at most " + ApiBodyLimit.MAX_BYTES + " bytes.");
			}
			if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
				return invalid("unknown-field", "The body has a field this request does not take.",
						List.of(Map.of("field", safe(unknown.getPropertyName()), "message", "not a field of this request")));
			}
		}
		return detail(400, "malformed-body", "Malformed body",
				"The body must be a JSON object with the fields this request documents.");
	}

	private static ProblemDetail invalid(String type, String detail, List<Map<String, String>> errors) {
		ProblemDetail body = detail(422, type, "Invalid request", detail);
		body.setProperty("errors", errors);
		return body;
	}

	static ProblemDetail detail(int status, String type, String title, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
		body.setType(URI.create(ProblemResponses.TYPE + type));
		body.setTitle(title);
		return body;
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail body) {
		return ResponseEntity.status(body.getStatus())
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(body);
	}

	/** A name from the request, as a field name at most: never more than a short word of it back. */
	private static String safe(String name) {
		if (name == null) {
			return "";
		}
		String cut = name.length() > 40 ? name.substring(0, 40) : name;
		return cut.replaceAll("[^A-Za-z0-9_.\\-\\[\\]]", "?");
	}

}
