package io.zdash.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Service;

/**
 * Signs out an account's other sessions, on every node, without a session registry: each session
 * remembers the account's epoch at sign-in; bumping the epoch in the database ends every session
 * with an older one at its next request, and the session that made the change adopts the new one.
 */
@Service
public class AccountSessions {

	private final AccountRepository accounts;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	AccountSessions(AccountRepository accounts) {
		this.accounts = accounts;
	}

	/** Call after a change to the account's sign-in, from the request of the session that made it. */
	public void signOutOtherSessions(HttpServletRequest request, HttpServletResponse response) {
		signOutOtherSessions(request, response, null);
	}

	/**
	 * After an email change: as above, and this session's principal takes the new address, so that
	 * no session that survives the change goes on under the old name.
	 */
	void signOutOtherSessions(HttpServletRequest request, HttpServletResponse response, String newEmail) {
		Authentication current = this.holder.getContext().getAuthentication();
		if (current == null || !(current.getPrincipal() instanceof AccountUser user)) {
			return;
		}
		int epoch = this.accounts.bumpSessionEpoch(user.accountId());
		AccountUser renewed = user.withSessionEpoch(epoch);
		if (newEmail != null) {
			renewed = renewed.withEmail(newEmail);
		}
		Authentication updated = current.toBuilder().principal(renewed).build();
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(updated);
		this.holder.setContext(context);
		this.repository.saveContext(context, request, response);
	}

	/** Ends every session of the account at its next request, on every node. */
	public void signOutEverywhere(long accountId) {
		this.accounts.bumpSessionEpoch(accountId);
	}

	/** Whether a session signed in by this principal is still current. */
	public boolean isCurrent(AccountUser user) {
		return this.accounts.sessionEpoch(user.accountId()) == user.sessionEpoch();
	}

}
