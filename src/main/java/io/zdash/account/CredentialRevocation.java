package io.zdash.account;

import io.zdash.support.Origin;

/**
 * The port to credentials that must not outlive a change of who holds the account (the API's
 * personal access tokens): told of every password change and reset, a 2FA reset or removal after a
 * lost device, and a disabled account, inside that change's transaction, so both commit together.
 */
public interface CredentialRevocation {

	/**
	 * @param reason a short word for the security log: {@code password}, {@code two-factor-reset},
	 * {@code two-factor-removed}, {@code disabled}, {@code owner}
	 */
	void revokeAll(long accountId, String reason, Origin origin);

}
