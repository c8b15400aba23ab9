package io.zdash.twofactor;

import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator may do to someone's second factor: remove it (lost device) or lift its
 * wait and block. Never read, show or set a secret.
 */
@Service
public class TwoFactorAdmin {

	private final TwoFactorService twoFactor;

	private final SecondFactorCheck check;

	private final TotpCredentials credentials;

	private final SecurityLog securityLog;

	TwoFactorAdmin(TwoFactorService twoFactor, SecondFactorCheck check, TotpCredentials credentials,
			SecurityLog securityLog) {
		this.twoFactor = twoFactor;
		this.check = check;
		this.credentials = credentials;
		this.securityLog = securityLog;
	}

	/** One account's second factor as the administrator's list shows it. */
	public record State(java.time.Instant enabledSince, boolean paused, boolean blocked) {
	}

	/** @return whether the account had 2FA to reset */
	@Transactional
	public boolean reset(long accountId, long adminId, Origin origin) {
		boolean had = this.twoFactor.isEnrolled(accountId);
		this.twoFactor.remove(accountId);
		if (had) {
			this.securityLog.record(
					new SecurityEvent(accountId, SecurityEvent.Type.TWO_FACTOR_RESET_BY_ADMIN, "admin=" + adminId, origin));
		}
		return had;
	}

	/** The owner's own removal after a lost-device recovery's waiting period (the caller checked it all). */
	@Transactional
	public void removeAfterRecovery(long accountId, Origin origin) {
		this.twoFactor.remove(accountId);
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.TWO_FACTOR_REMOVED_AFTER_WAIT, origin));
	}

	@Transactional
	public void unlock(long accountId) {
		this.check.clear(accountId);
	}

	/** Whether 2FA is on (since when), and whether its codes wait or are blocked. */
	public State stateOf(long accountId) {
		return this.credentials.findCredential(accountId)
			.map(c -> new State(c.enabledAt(), !this.check.waitFor(accountId).isZero(), c.blockedAt() != null))
			.orElse(new State(null, false, false));
	}

	/** How many accounts have 2FA on: the adoption figure of the administration page and the metrics. */
	public long accountsWithTwoFactor() {
		return this.credentials.accountsEnabled();
	}

}
