package io.zdash.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing an account's email in two steps: a signed-in owner asks for a new address, and the
 * change happens only when the link mailed to that address is opened. Nothing here tells anyone
 * whether an address already belongs to another account.
 */
@Service
class EmailChanges {

	static final Duration LINK_LIFETIME = Duration.ofHours(24);

	enum Outcome {

		CHANGED, INVALID_LINK, ADDRESS_TAKEN

	}

	/** What opening a link did; the account and new address only when it changed. */
	record Confirmation(Outcome outcome, long accountId, String newEmail) {

		static final Confirmation INVALID_LINK = new Confirmation(Outcome.INVALID_LINK, 0, null);

		static final Confirmation ADDRESS_TAKEN = new Confirmation(Outcome.ADDRESS_TAKEN, 0, null);

	}

	private final AccountRepository accounts;

	private final EmailChangeRepository changes;

	private final SecurityLog securityLog;

	private final EmailChangeMail mail;

	private final Clock clock;

	private final SiteLinks links;

	EmailChanges(AccountRepository accounts, EmailChangeRepository changes, SecurityLog securityLog,
			EmailChangeMail mail, Clock clock, SiteLinks links) {
		this.accounts = accounts;
		this.changes = changes;
		this.securityLog = securityLog;
		this.mail = mail;
		this.clock = clock;
		this.links = links;
	}

	/**
	 * Replaces any earlier request of the account with one for {@code newEmail} (already normalised)
	 * and has the link mailed there.
	 * @return false when that is already the account's address
	 */
	@Transactional
	boolean request(long accountId, String newEmail, Origin origin) {
		if (this.accounts.findById(accountId).map(Account::email).filter(newEmail::equals).isPresent()) {
			return false;
		}
		Instant now = this.clock.instant();
		this.changes.removePendingOf(accountId, now);
		if (this.accounts.emailExists(newEmail)) {
			// The same answer as for a free address, and no email, no log line: the page must not tell
			// who has an account here, and that account's owner did not ask for anything.
			return true;
		}
		EmailChangeToken token = EmailChangeToken.create();
		Instant expiresAt = now.plus(LINK_LIFETIME);
		this.changes.insert(token.hash(), accountId, newEmail, expiresAt);
		String link = this.links.to("/security/email/confirm?token=" + token.text());
		this.mail.sendConfirmation(accountId, newEmail, link, expiresAt, origin);
		return true;
	}

	/**
	 * Opens a link: in one transaction, uses the token up, checks the address is still free and moves
	 * the account to it.
	 * @throws org.springframework.dao.DuplicateKeyException when another account took the address at
	 * the same moment; nothing is changed then
	 */
	@Transactional
	Confirmation confirm(String typedToken, Origin origin) {
		Optional<String> hash = EmailChangeToken.hashOf(typedToken);
		Optional<EmailChangeRepository.Pending> pending = hash.flatMap(h -> this.changes.findLive(h, this.clock.instant()));
		if (pending.isEmpty() || !this.changes.consume(hash.get())) {
			return Confirmation.INVALID_LINK;
		}
		long accountId = pending.get().accountId();
		String newEmail = pending.get().newEmail();
		if (this.accounts.emailExists(newEmail)) {
			// Whoever opens the link reads the new address's mail, so telling them it is taken tells
			// nothing new. The link stays used: it could never succeed now.
			return Confirmation.ADDRESS_TAKEN;
		}
		Optional<String> previous = this.accounts.findById(accountId).map(Account::email);
		this.accounts.updateEmail(accountId, newEmail);
		// Opening the link proved the owner reads the new address.
		this.accounts.markEmailVerified(accountId, this.clock.instant());
		// The security log entry names no address: it is shown to whoever holds the account later.
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.EMAIL_CHANGED, origin));
		previous.ifPresent(email -> this.mail.sendChangedNotice(accountId, email, origin));
		return new Confirmation(Outcome.CHANGED, accountId, newEmail);
	}

}
