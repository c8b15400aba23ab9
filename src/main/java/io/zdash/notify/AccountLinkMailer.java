package io.zdash.notify;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.zdash.account.AccountLinkMail;
import io.zdash.support.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import jakarta.annotation.PreDestroy;

/**
 * The verification and password-reset emails: written on the request's thread (in its language),
 * sent after the commit on a thread of their own, so that the answer to "forgot password" or
 * sign-up takes as long whether or not an email goes out. One thread: mail goes out in order, and a
 * slow server holds up only mail.
 */
@Component
class AccountLinkMailer implements AccountLinkMail {

	private static final Logger log = LoggerFactory.getLogger(AccountLinkMailer.class);

	private final NoticeWriter writer;

	private final Mailer mailer;

	private final ExecutorService sending = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "zdash-link-mail");
		thread.setDaemon(true);
		return thread;
	});

	AccountLinkMailer(NoticeWriter writer, Mailer mailer) {
		this.writer = writer;
		this.mailer = mailer;
	}

	@Override
	public void sendVerification(long accountId, String email, String link, Instant expiresAt, Origin origin) {
		later(accountId, this.writer.writeLink(NoticeWriter.VERIFY_EMAIL, email, link, expiresAt, origin));
	}

	@Override
	public void sendPasswordReset(long accountId, String email, String link, Instant expiresAt, Origin origin) {
		later(accountId, this.writer.writeLink(NoticeWriter.RESET_PASSWORD, email, link, expiresAt, origin));
	}

	@Override
	public void sendLostDeviceConfirmation(long accountId, String email, String link, Instant expiresAt, Origin origin) {
		later(accountId, this.writer.writeLink(NoticeWriter.LOST_DEVICE, email, link, expiresAt, origin));
	}

	private void later(long accountId, Notice notice) {
		Runnable send = () -> this.sending.execute(() -> {
			try {
				this.mailer.send(notice);
			}
			catch (RuntimeException failure) {
				// Only the kind of failure: a server's reply may quote the message, which holds the link.
				log.warn("Link email account={} not sent: {}", accountId, failure.getClass().getName());
			}
		});
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			send.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				send.run();
			}
		});
	}

	@PreDestroy
	void stop() {
		this.sending.shutdown();
	}

}
