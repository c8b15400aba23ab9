package io.zdash.account;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Work that must not make a page slower for one answer than for another: looking up whether an
 * address has an account, writing its link and mailing it (forgot password, sign-up). Run on one
 * thread of its own, in the request's language.
 */
@Component
class OffThread {

	private static final Logger log = LoggerFactory.getLogger(OffThread.class);

	private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
		Thread worker = new Thread(runnable, "zdash-account-links");
		worker.setDaemon(true);
		return worker;
	});

	void run(Runnable task) {
		Locale locale = LocaleContextHolder.getLocale();
		this.thread.execute(() -> {
			LocaleContextHolder.setLocale(locale);
			try {
				task.run();
			}
			catch (RuntimeException failure) {
				// Only the kind: the work holds an address and maybe a link.
				log.warn("Account link work failed: {}", failure.getClass().getName());
			}
			finally {
				LocaleContextHolder.resetLocaleContext();
			}
		});
	}

	@PreDestroy
	void stop() {
		this.thread.shutdown();
	}

}
