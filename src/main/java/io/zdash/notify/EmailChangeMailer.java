package io.zdash.notify;

import java.time.Instant;
import java.util.function.Supplier;

import io.zdash.account.EmailChangeMail;
import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The account feature's email-change mail: the confirmation link to the new address, and, once it
 * was opened, the change notice to the previous address (the usual security email goes to the new
 * one, which may be an intruder's). Each is sent once the caller's transaction commits.
 */
@Component
class EmailChangeMailer implements EmailChangeMail {

	private static final Logger log = LoggerFactory.getLogger(EmailChangeMailer.class);

	private final NoticeWriter writer;

	private final Mailer mailer;

	EmailChangeMailer(NoticeWriter writer, Mailer mailer) {
		this.writer = writer;
		this.mailer = mailer;
	}

	@Override
	public void sendConfirmation(long accountId, String newEmail, String link, Instant expiresAt, Origin origin) {
		afterCommit(accountId, () -> this.writer.writeConfirmation(newEmail, link, expiresAt, origin));
	}

	@Override
	public void sendChangedNotice(long accountId, String previousEmail, Origin origin) {
		afterCommit(accountId, () -> this.writer.write(previousEmail,
				SecurityEvent.of(accountId, SecurityEvent.Type.EMAIL_CHANGED, origin)));
	}

	/** After the commit (still on the request's thread, so in its language), or at once outside a transaction. */
	private void afterCommit(long accountId, Supplier<Notice> notice) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			send(accountId, notice);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				send(accountId, notice);
			}
		});
	}

	/** Writing and sending: neither may fail the change, which is committed by now. */
	private void send(long accountId, Supplier<Notice> notice) {
		try {
			this.mailer.send(notice.get());
		}
		catch (RuntimeException failure) {
			// Only the kind of failure: a server's reply may quote the message, and this one may hold the
			// link. The owner sees no link arrive and asks again.
			log.warn("Email-change email account={} not sent: {}", accountId, failure.getClass().getName());
		}
	}

}
