package io.zdash.lostdevice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.zdash.account.AccountLinkMail;
import io.zdash.account.AccountService;
import io.zdash.account.EmailVerification;
import io.zdash.account.SiteLinks;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.signin.AttemptGate;
import io.zdash.support.Origin;
import io.zdash.support.RandomText;
import io.zdash.support.Sha256;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asking for a recovery, at the second step after the right password: only for a confirmed
 * address, one at a time, paced per account (attempt gate {@code LOST_DEVICE}). The link that
 * confirms it goes to the address.
 */
@Service
class LostDeviceStart {

	/** How long the emailed link has to be opened to start the wait. */
	static final Duration CONFIRM_WITHIN = Duration.ofHours(24);

	enum Start {

		STARTED, ALREADY_RUNNING, NOT_VERIFIED, PAUSED, PASSWORD_FROM_EMAIL

	}

	private final LostDeviceRepository recoveries;

	private final LostDeviceRecoveries running;

	private final EmailVerification verification;

	private final AccountService accounts;

	private final AccountLinkMail mail;

	private final SiteLinks site;

	private final AttemptGate gate;

	private final SecurityLog securityLog;

	private final TransactionTemplate transactions;

	private final Clock clock;

	LostDeviceStart(LostDeviceRepository recoveries, LostDeviceRecoveries running, EmailVerification verification,
			AccountService accounts, AccountLinkMail mail, SiteLinks site, AttemptGate gate, SecurityLog securityLog,
			TransactionTemplate transactions, Clock clock) {
		this.recoveries = recoveries;
		this.running = running;
		this.verification = verification;
		this.accounts = accounts;
		this.mail = mail;
		this.site = site;
		this.gate = gate;
		this.securityLog = securityLog;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** At the second step, after the right password: mails the link that confirms the request. */
	Start start(long accountId, Origin origin) {
		if (!this.verification.isVerified(accountId)) {
			return Start.NOT_VERIFIED;
		}
		if (this.running.running(accountId).isPresent()) {
			return Start.ALREADY_RUNNING;
		}
		if (this.running.passwordOnlyFromEmail(accountId)) {
			// A password set from an emailed link proves only the mailbox; with the same mailbox this
			// would remove the second factor. Only an administrator can help then.
			return Start.PASSWORD_FROM_EMAIL;
		}
		String key = Long.toString(accountId);
		if (!this.gate.begin(AttemptGate.Kind.LOST_DEVICE, key).isZero()) {
			return Start.PAUSED;
		}
		this.gate.recordFailure(AttemptGate.Kind.LOST_DEVICE, key);
		try {
			return Boolean.TRUE.equals(this.transactions.execute(status -> insertAndMail(accountId, origin))) ? Start.STARTED
					: Start.ALREADY_RUNNING;
		}
		catch (DuplicateKeyException anotherNodeAtTheSameMoment) {
			return Start.ALREADY_RUNNING;
		}
	}

	private boolean insertAndMail(long accountId, Origin origin) {
		Instant now = this.clock.instant();
		this.recoveries.deleteIfStale(accountId, now, now.minus(LostDeviceRecoveries.COMPLETE_WITHIN));
		String token = RandomText.token();
		String email = this.accounts.emailOf(accountId).orElseThrow();
		if (!this.recoveries.insert(accountId, Sha256.hex(token), email, now, now.plus(CONFIRM_WITHIN))) {
			return false;
		}
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.LOST_DEVICE_RECOVERY_REQUESTED, origin));
		this.mail.sendLostDeviceConfirmation(accountId, email, this.site.to("/recovery/lost-device?token=" + token),
				now.plus(CONFIRM_WITHIN), origin);
		return true;
	}

}
