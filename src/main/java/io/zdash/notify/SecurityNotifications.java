package io.zdash.notify;

import java.time.Clock;

import java.util.EnumSet;
import java.util.Set;

import io.zdash.account.AccountService;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvents;
import io.zdash.audit.SecurityEvent.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails an account's owner about the security events they should hear of, once the change is
 * committed: a rolled-back change sends nothing. Events published outside a transaction are handled
 * at once.
 */
@Component
class SecurityNotifications {

	/**
	 * Sign-in outcomes and the like stay in the security log. SECOND_FACTOR_GUESSED is published once,
	 * at the fifth wrong second factor in a row after the right password: the password is probably
	 * known to someone.
	 */
	static final Set<Type> NOTIFIED = EnumSet.of(Type.TWO_FACTOR_ENABLED, Type.TWO_FACTOR_DISABLED,
			Type.TWO_FACTOR_RESET_BY_ADMIN, Type.SIGN_IN_RECOVERY_CODE_SUCCEEDED, Type.RECOVERY_CODES_REGENERATED,
			Type.PASSWORD_CHANGED, Type.EMAIL_CHANGED, Type.NEW_DEVICE_SIGN_IN, Type.SECOND_FACTOR_GUESSED,
			Type.USED_CODE_TRIED_AGAIN, Type.TRUSTED_DEVICE_ADDED, Type.TRUSTED_DEVICE_REFUSED, Type.PASSWORD_RESET, Type.TWO_FACTOR_REMINDER,
			Type.LOST_DEVICE_RECOVERY_STARTED, Type.LOST_DEVICE_RECOVERY_REMINDER, Type.LOST_DEVICE_RECOVERY_CANCELLED,
			Type.LOST_DEVICE_RECOVERY_APPROVED, Type.TWO_FACTOR_REMOVED_AFTER_WAIT, Type.PASSKEY_ADDED, Type.PASSKEY_REMOVED,
			Type.KEY_COUNTER_WENT_BACK, Type.AUTHENTICATOR_APP_ADDED, Type.AUTHENTICATOR_APP_REMOVED,
			Type.API_TOKEN_CREATED, Type.INSTANCE_TOKEN_REVEALED_BY_API, Type.INSTANCE_TOKEN_ROTATED_BY_API);

	/**
	 * Told at most once an hour: a script may read or replace instance tokens in a loop, and one
	 * email says what the security log lists one by one.
	 */
	static final Set<Type> HOURLY = EnumSet.of(Type.INSTANCE_TOKEN_REVEALED_BY_API, Type.INSTANCE_TOKEN_ROTATED_BY_API);

	private static final Logger log = LoggerFactory.getLogger(SecurityNotifications.class);

	private final AccountService accounts;

	private final NoticeWriter writer;

	private final Mailer mailer;

	private final SecurityEvents events;

	private final Clock clock;

	SecurityNotifications(AccountService accounts, NoticeWriter writer, Mailer mailer, SecurityEvents events, Clock clock) {
		this.events = events;
		this.clock = clock;
		this.accounts = accounts;
		this.writer = writer;
		this.mailer = mailer;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onSecurityEvent(SecurityEvent event) {
		if (event.accountId() == null || !NOTIFIED.contains(event.type())) {
			return;
		}
		try {
			// The event itself is in the log already (committed): more than it in the hour, one was sent.
			if (HOURLY.contains(event.type()) && this.events.count(event.accountId(), event.type(),
					this.clock.instant().minus(java.time.Duration.ofHours(1))) > 1) {
				return;
			}
			// Without a request (a scheduled reminder), in the language the owner last signed in with.
			java.util.Locale preferred = this.accounts.languageOf(event.accountId());
			this.accounts.emailOf(event.accountId())
				.ifPresent(email -> this.mailer.send(this.writer.write(email, event, preferred)));
		}
		catch (RuntimeException failure) {
			// The change is committed: a mail server that is down must not turn it into an error page.
			// The body is not logged here; the failure says what went wrong with the server.
			log.warn("Security email type={} account={} not sent: {}", event.type(), event.accountId(),
					failure.toString());
		}
	}

}
