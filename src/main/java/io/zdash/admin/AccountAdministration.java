package io.zdash.admin;

import io.zdash.account.AccountService;
import io.zdash.account.AccountSessions;
import io.zdash.account.CredentialRevocation;
import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.twofactor.TwoFactorAdmin;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator does to someone else's account, each action and its record in the security
 * log in one transaction. Never a secret: a reset removes the authenticator, it does not show it.
 * A 2FA reset and disabling an account also revoke its personal access tokens.
 */
@Service
class AccountAdministration {

	private final AccountService accounts;

	private final TwoFactorAdmin twoFactor;

	private final AccountSessions sessions;

	private final SecurityLog securityLog;

	private final CredentialRevocation tokens;

	AccountAdministration(AccountService accounts, TwoFactorAdmin twoFactor, AccountSessions sessions,
			SecurityLog securityLog, CredentialRevocation tokens) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.twoFactor = twoFactor;
		this.sessions = sessions;
		this.securityLog = securityLog;
	}

	/** Lost device: the account signs in with its password next time and sets 2FA up again. */
	@Transactional
	void resetTwoFactor(long accountId, long adminId, Origin origin) {
		if (this.twoFactor.reset(accountId, adminId, origin)) {
			this.sessions.signOutEverywhere(accountId);
			// Whoever holds the lost device may hold the account's scripts' tokens too.
			this.tokens.revokeAll(accountId, "two-factor-reset", origin);
		}
	}

	/** Lifts the password's and the second factor's pauses, and a block after 100 failures. */
	@Transactional
	void unlock(long accountId, long adminId, Origin origin) {
		this.accounts.unlockPassword(accountId);
		this.twoFactor.unlock(accountId);
		record(accountId, SecurityEvent.Type.ACCOUNT_UNLOCKED_BY_ADMIN, adminId, origin);
	}

	@Transactional
	void disable(long accountId, long adminId, Origin origin) {
		this.accounts.setDisabled(accountId, true);
		this.sessions.signOutEverywhere(accountId);
		this.tokens.revokeAll(accountId, "disabled", origin);
		record(accountId, SecurityEvent.Type.ACCOUNT_DISABLED_BY_ADMIN, adminId, origin);
	}

	@Transactional
	void enable(long accountId, long adminId, Origin origin) {
		this.accounts.setDisabled(accountId, false);
		record(accountId, SecurityEvent.Type.ACCOUNT_ENABLED_BY_ADMIN, adminId, origin);
	}

	private void record(long accountId, SecurityEvent.Type type, long adminId, Origin origin) {
		this.securityLog.record(new SecurityEvent(accountId, type, "admin=" + adminId, origin));
	}

}
