package io.zdash.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zdash.account.AccountDirectory;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityEvents;
import io.zdash.audit.SecurityLog;
import io.zdash.twofactor.TwoFactorAdmin;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * While 2FA is required of everyone from a date still ahead: the accounts without it are reminded
 * by email a week and a day before (each reminder once per deadline, remembered in the security
 * log, which the email is sent from).
 */
@Component
class TwoFactorDeadline {

	/** How long before the deadline each reminder goes, latest first in the list of checks. */
	static final List<Duration> REMINDERS = List.of(Duration.ofDays(1), Duration.ofDays(7));

	private static final int PAGE = 200;

	private final AdminSettings settings;

	private final AccountDirectory accounts;

	private final TwoFactorAdmin twoFactor;

	private final SecurityEvents events;

	private final SecurityLog securityLog;

	private final Clock clock;

	TwoFactorDeadline(AdminSettings settings, AccountDirectory accounts, TwoFactorAdmin twoFactor, SecurityEvents events,
			SecurityLog securityLog, Clock clock) {
		this.settings = settings;
		this.accounts = accounts;
		this.twoFactor = twoFactor;
		this.events = events;
		this.securityLog = securityLog;
		this.clock = clock;
	}

	/** Hourly (and at a node's start, a minute in): every node may run it; a reminder once sent is not sent again. */
	@Scheduled(fixedDelayString = "${zdash.two-factor.reminders-every:1h}", initialDelayString = "1m")
	int remind() {
		Instant now = this.clock.instant();
		Optional<Instant> deadline = this.settings.requiredFrom().filter(now::isBefore);
		if (deadline.isEmpty()) {
			return 0;
		}
		Optional<Duration> due = REMINDERS.stream().filter(before -> !now.isBefore(deadline.get().minus(before))).findFirst();
		if (due.isEmpty()) {
			return 0;
		}
		String detail = "days=" + due.get().toDays() + " deadline=" + deadline.get();
		int sent = 0;
		for (int page = 0;; page++) {
			List<AccountDirectory.Summary> batch = this.accounts.page(page, PAGE);
			for (AccountDirectory.Summary account : batch) {
				if (account.disabledAt() == null && this.twoFactor.stateOf(account.id()).enabledSince() == null
						&& !alreadySent(account.id(), detail, deadline.get())) {
					this.securityLog.record(new SecurityEvent(account.id(), SecurityEvent.Type.TWO_FACTOR_REMINDER, detail));
					sent++;
				}
			}
			if (batch.size() < PAGE) {
				return sent;
			}
		}
	}

	private boolean alreadySent(long accountId, String detail, Instant deadline) {
		return this.events.latest(accountId, SecurityEvent.Type.TWO_FACTOR_REMINDER, deadline.minus(Duration.ofDays(8)))
			.filter(latest -> detail.equals(latest.detail()))
			.isPresent();
	}

}
