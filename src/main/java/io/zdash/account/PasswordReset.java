package io.zdash.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.signin.AttemptGate;
import io.zdash.support.Origin;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot password?": a single-use link (30 minutes) mailed to a verified address sets a new
 * password. Whether the typed address has an account never shows: the page, and the time it takes
 * (everything after the attempt gate happens on another thread), are the same. A new password ends every session of the
 * account and never skips its second factor: the next sign-in asks for it as always.
 */
@Service
class PasswordReset {

	static final Duration LINK_LIFETIME = Duration.ofMinutes(30);

	enum Outcome {

		DONE, INVALID_LINK, WEAK_PASSWORD

	}

	record Result(Outcome outcome, PasswordProblem problem) {
	}

	private final AccountRepository accounts;

	private final EmailLinks links;

	private final EmailVerification verification;

	private final AccountLinkMail mail;

	private final SiteLinks site;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final PasswordAttempts attempts;

	private final AttemptGate gate;

	private final AccountSessions sessions;

	private final SecurityLog securityLog;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final OffThread offThread;

	private final CredentialRevocation revocation;

	PasswordReset(AccountRepository accounts, EmailLinks links, EmailVerification verification, AccountLinkMail mail,
			SiteLinks site, PasswordPolicy policy, PasswordEncoder encoder, PasswordAttempts attempts, AttemptGate gate,
			AccountSessions sessions, SecurityLog securityLog, TransactionTemplate transactions, Clock clock,
			OffThread offThread, CredentialRevocation revocation) {
		this.revocation = revocation;
		this.offThread = offThread;
		this.accounts = accounts;
		this.links = links;
		this.verification = verification;
		this.mail = mail;
		this.site = site;
		this.policy = policy;
		this.encoder = encoder;
		this.attempts = attempts;
		this.gate = gate;
		this.sessions = sessions;
		this.securityLog = securityLog;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Mails a link if {@code email} (already normalised) is a verified, enabled account's and its
	 * requests are not paused; otherwise nothing, and the caller cannot tell which.
	 */
	void request(String email, Origin origin) {
		// Counted per address typed, account or not, through the attempt gate: after five in a row the
		// address waits, doubling up to an hour, so nobody floods a mailbox with links.
		String key = PasswordAttempts.key(email);
		if (!this.gate.begin(AttemptGate.Kind.PASSWORD_RESET, key).isZero()) {
			return;
		}
		this.gate.recordFailure(AttemptGate.Kind.PASSWORD_RESET, key);
		// The rest off the request's thread: whether the address has an account must not show in the
		// time the page takes (the lookups, the link's row, the log line and the mail).
		this.offThread.run(() -> this.transactions.executeWithoutResult(status -> this.accounts.findByEmail(email)
			.filter(account -> account.disabledAt() == null && this.verification.isVerified(account.id()))
			.ifPresent(account -> {
				Instant now = this.clock.instant();
				this.links.endAll(account.id(), EmailLinks.Purpose.RESET, now);
				EmailChangeToken token = EmailChangeToken.create();
				Instant expiresAt = now.plus(LINK_LIFETIME);
				this.links.insert(token.hash(), account.id(), EmailLinks.Purpose.RESET, account.email(), now, expiresAt);
				this.securityLog.record(SecurityEvent.of(account.id(), SecurityEvent.Type.PASSWORD_RESET_REQUESTED, origin));
				this.mail.sendPasswordReset(account.id(), account.email(),
						this.site.to("/password/reset?token=" + token.text()), expiresAt, origin);
			})));
	}

	/** Whether {@code token} is a live reset link (nothing is used up). */
	boolean isLive(String token) {
		return live(token).isPresent();
	}

	/** In one transaction: uses the link up, sets the password, ends every session, logs it. */
	Result reset(String token, String newPassword, Origin origin) {
		return this.transactions.execute(status -> {
			Optional<Account> account = live(token).flatMap(link -> this.accounts.findById(link.accountId()));
			if (account.isEmpty()) {
				return new Result(Outcome.INVALID_LINK, null);
			}
			Optional<PasswordProblem> weak = this.policy.check(newPassword, account.get().email());
			if (weak.isPresent()) {
				// The link stays usable: the person tries a better password.
				return new Result(Outcome.WEAK_PASSWORD, weak.get());
			}
			if (!this.links.consume(EmailChangeToken.hashOf(token).orElseThrow(), this.clock.instant())) {
				return new Result(Outcome.INVALID_LINK, null);
			}
			long id = account.get().id();
			this.accounts.updatePasswordHash(id, this.encoder.encode(newPassword));
			this.links.endAll(id, EmailLinks.Purpose.RESET, this.clock.instant());
			this.attempts.resetAll(account.get().email(), id);
			this.gate.reset(AttemptGate.Kind.PASSWORD_RESET, PasswordAttempts.key(account.get().email()));
			this.sessions.signOutEverywhere(id);
			this.securityLog.record(SecurityEvent.of(id, SecurityEvent.Type.PASSWORD_RESET, origin));
			this.revocation.revokeAll(id, "password", origin);
			return new Result(Outcome.DONE, null);
		});
	}

	private Optional<EmailLinks.Live> live(String token) {
		return EmailChangeToken.hashOf(token)
			.flatMap(hash -> this.links.findLive(hash, EmailLinks.Purpose.RESET, this.clock.instant()))
			.filter(link -> this.accounts.findById(link.accountId())
				.filter(account -> account.disabledAt() == null && account.email().equals(link.email()))
				.isPresent());
	}

}
