package io.zdash;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many half-signed-in browsers submit the same code at the same instant, on real threads. */
public final class SubmissionRace {

	private SubmissionRace() {
	}

	/**
	 * @param tokens each browser's CSRF token for the form, fetched beforehand so that the
	 * submissions themselves start together
	 * @return how many submissions got their browser signed in (none may answer 5xx)
	 */
	public static int signedIn(List<HttpJourney> browsers, List<String> tokens, String action, String code)
			throws Exception {
		List<Callable<HttpResponse<String>>> submissions = new ArrayList<>();
		for (int i = 0; i < browsers.size(); i++) {
			HttpJourney browser = browsers.get(i);
			String token = tokens.get(i);
			submissions.add(() -> browser.post(action, token, "code", code));
		}
		int signedIn = 0;
		for (HttpResponse<String> response : atOnce(submissions)) {
			assertThat(response.statusCode()).isLessThan(500);
			if (response.statusCode() == 302 && response.headers().firstValue("Location").orElse("").endsWith("/")) {
				signedIn++;
			}
		}
		return signedIn;
	}

	/** Runs every submission on a thread of its own, all released at one instant; answers in order. */
	public static <T> List<T> atOnce(List<Callable<T>> submissions) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(submissions.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> results = new ArrayList<>();
			for (Callable<T> submission : submissions) {
				results.add(pool.submit(() -> {
					start.await();
					return submission.call();
				}));
			}
			start.countDown();
			List<T> answers = new ArrayList<>();
			for (Future<T> result : results) {
				answers.add(result.get());
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
