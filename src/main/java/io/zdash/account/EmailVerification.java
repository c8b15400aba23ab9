package io.zdash.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Origin;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proving that the owner reads the account's address: sign-up mails a single-use link (24 hours);
 * opening it and pressing "Confirm" marks the address verified. Until then the address gets no
 * password-reset link. Resending is paced per account.
 */
@Service
public class EmailVerification {

	static final Duration LINK_LIFETIME = Duration.ofHours(24);

	/** At most one link this often per account: a resend button is no way to flood a mailbox. */
	static final Duration RESEND_EVERY = Duration.ofMinutes(5);

	private final AccountRepository accounts;

	private final EmailLinks links;

	private final AccountLinkMail mail;

	private final SiteLinks site;

	private final SecurityLog securityLog;

	private final AdminProperties admin;

	private final Clock clock;

	EmailVerification(AccountRepository accounts, EmailLinks links, AccountLinkMail mail, SiteLinks site,
			SecurityLog securityLog, AdminProperties admin, Clock clock) {
		this.accounts = accounts;
		this.links = links;
		this.mail = mail;
		this.site = site;
		this.securityLog = securityLog;
		this.admin = admin;
		this.clock = clock;
	}

	/**
	 * Whether the account's address is proven: a link was opened, or it is the administrator's
	 * address from the configuration (the operator typed it).
	 */
	public boolean isVerified(long accountId) {
		Optional<Account> account = this.accounts.findById(accountId);
		return account.isPresent() && (account.get().emailVerifiedAt() != null
				|| EmailAddress.normalise(this.admin.email()).filter(account.get().email()::equals).isPresent());
	}

	/**
	 * Mails a new link to the account's address, ending the earlier ones. @return how long to wait
	 * first when a link went out less than {@link #RESEND_EVERY} ago (nothing is sent then), else zero
	 */
	@Transactional
	public Duration send(long accountId, Origin origin) {
		Instant now = this.clock.instant();
		Optional<Account> account = this.accounts.findById(accountId);
		if (account.isEmpty() || isVerified(accountId)) {
			return Duration.ZERO;
		}
		Optional<Instant> last = this.links.lastSent(accountId, EmailLinks.Purpose.VERIFY);
		if (last.isPresent() && last.get().plus(RESEND_EVERY).isAfter(now)) {
			return Duration.between(now, last.get().plus(RESEND_EVERY));
		}
		this.links.endAll(accountId, EmailLinks.Purpose.VERIFY, now);
		EmailChangeToken token = EmailChangeToken.create();
		Instant expiresAt = now.plus(LINK_LIFETIME);
		String email = account.get().email();
		this.links.insert(token.hash(), accountId, EmailLinks.Purpose.VERIFY, email, now, expiresAt);
		this.mail.sendVerification(accountId, email, this.site.to("/email/verify?token=" + token.text()), expiresAt,
				origin);
		return Duration.ZERO;
	}

	/** Whether {@code token} is a live verification link for the account's current address (nothing is used up). */
	boolean isLive(String token) {
		return live(token).isPresent();
	}

	/** Opens the link: uses it up and marks the address verified. @return whether it did */
	@Transactional
	boolean confirm(String token, Origin origin) {
		Optional<EmailLinks.Live> link = live(token);
		if (link.isEmpty() || !this.links.consume(EmailChangeToken.hashOf(token).orElseThrow(), this.clock.instant())) {
			return false;
		}
		this.accounts.markEmailVerified(link.get().accountId(), this.clock.instant());
		this.securityLog.record(SecurityEvent.of(link.get().accountId(), SecurityEvent.Type.EMAIL_VERIFIED, origin));
		return true;
	}

	/** A link sent to an address the account has since left proves nothing about the new one. */
	private Optional<EmailLinks.Live> live(String token) {
		return EmailChangeToken.hashOf(token)
			.flatMap(hash -> this.links.findLive(hash, EmailLinks.Purpose.VERIFY, this.clock.instant()))
			.filter(link -> this.accounts.findById(link.accountId()).map(Account::email).filter(link.email()::equals)
				.isPresent());
	}

	/** Daily: links that expired more than a day ago (reset links included). */
	@Scheduled(cron = "${zdash.throttle.prune-cron:0 27 3 * * *}")
	int prune() {
		return this.links.pruneBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}

}
