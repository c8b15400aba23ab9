package io.zdash.twofactor;

import io.zdash.audit.SecurityEvent;
import io.zdash.recovery.RecoveryCodes;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator may do to someone's second factor: remove it (lost device) or lift its
 * wait and block. Never read, show or set a secret.
 */
@Service
public class TwoFactorAdmin {

	private final TotpCredentials credentials;

	private final RecoveryCodes recoveryCodes;

	private final ApplicationEventPublisher events;

	TwoFactorAdmin(TotpCredentials credentials, RecoveryCodes recoveryCodes, ApplicationEventPublisher events) {
		this.credentials = credentials;
		this.recoveryCodes = recoveryCodes;
		this.events = events;
	}

	/** @return whether the account had 2FA to reset */
	@Transactional
	public boolean reset(long accountId, long adminId) {
		boolean had = this.credentials.findCredential(accountId).isPresent();
		this.credentials.deleteCredential(accountId);
		this.credentials.deleteEnrollment(accountId);
		this.recoveryCodes.deleteAll(accountId);
		if (had) {
			this.events.publishEvent(
					new SecurityEvent(accountId, SecurityEvent.Type.TWO_FACTOR_RESET_BY_ADMIN, "admin=" + adminId));
		}
		return had;
	}

	@Transactional
	public void unlock(long accountId) {
		this.credentials.clearFailures(accountId);
	}

}
