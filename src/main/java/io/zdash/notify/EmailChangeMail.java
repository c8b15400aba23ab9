package io.zdash.notify;

import java.util.function.Supplier;

import io.zdash.account.EmailChangeConfirmed;
import io.zdash.account.EmailChangeRequested;
import io.zdash.audit.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The two emails of an email change, each sent once its transaction commits: the confirmation link
 * to the new address, and, once it was opened, the change notice to the previous address (the usual
 * security email goes to the new one, which may be an intruder's).
 */
@Component
class EmailChangeMail {

	private static final Logger log = LoggerFactory.getLogger(EmailChangeMail.class);

	private final NoticeWriter writer;

	private final Mailer mailer;

	EmailChangeMail(NoticeWriter writer, Mailer mailer) {
		this.writer = writer;
		this.mailer = mailer;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onRequested(EmailChangeRequested requested) {
		send(requested.accountId(), () -> this.writer.writeConfirmation(requested.newEmail(),
				requested.confirmationLink(), requested.expiresAt()));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onConfirmed(EmailChangeConfirmed confirmed) {
		send(confirmed.accountId(), () -> this.writer.write(confirmed.previousEmail(),
				SecurityEvent.of(confirmed.accountId(), SecurityEvent.Type.EMAIL_CHANGED)));
	}

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
