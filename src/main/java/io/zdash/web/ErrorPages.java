package io.zdash.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zdash.account.HashingBusyException;
import io.zdash.signin.Access;
import io.zdash.support.ApiRequests;
import io.zdash.support.Backoff;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * Pages for refusals that happen outside a controller (in a filter or handler): they forward here
 * with the status already set. Also turns a database outage inside a controller into a 503 page.
 */
@Controller
@ControllerAdvice
// Before the API's catch-all (ApiExceptions): an outage is this class's, on pages and in the API alike.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@Access(Access.Level.PUBLIC)
class ErrorPages {

	static final String WAIT_ATTRIBUTE = "ZDASH_WAIT";

	static void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, Duration wait)
			throws ServletException, IOException {
		Backoff.tooManyRequests(response, wait);
		request.setAttribute(WAIT_ATTRIBUTE, wait);
		request.getRequestDispatcher("/throttled").forward(request, response);
	}

	static void unavailable(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		if (ApiRequests.is(request)) {
			new ProblemResponses().unavailable(response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", "30");
		request.getRequestDispatcher("/unavailable").forward(request, response);
	}

	@RequestMapping("/throttled")
	String throttled(HttpServletRequest request, Model model) {
		Object wait = request.getAttribute(WAIT_ATTRIBUTE);
		model.addAllAttributes(Backoff.onPage((wait instanceof Duration duration) ? duration : Duration.ofMinutes(1)));
		return "throttled";
	}

	@RequestMapping("/unavailable")
	String unavailable() {
		return "unavailable";
	}

	/**
	 * A failure that means "not now" rather than "wrong": the database could not be reached, or every
	 * password-hashing slot is busy. Anywhere in the cause chain.
	 */
	static boolean isTemporaryFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessException || cause instanceof TransactionException
					|| cause instanceof HashingBusyException) {
				return true;
			}
		}
		return false;
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			TransactionException.class, HashingBusyException.class })
	@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
	ModelAndView databaseDown(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (ApiRequests.is(request)) {
			new ProblemResponses().unavailable(response);
			return new ModelAndView();
		}
		response.setHeader("Retry-After", "30");
		return new ModelAndView("unavailable");
	}

}
