package io.zdash.account;

import java.time.Instant;

/**
 * A signed-in owner asked to move their account to {@code newEmail}: the confirmation link must be
 * mailed to that address, and only there. Published inside the transaction that stored the token,
 * so a listener sends it after commit.
 * @param confirmationLink the single-use link; it must reach nothing but the mail to the new address
 * @param expiresAt when the link stops working
 */
public record EmailChangeRequested(long accountId, String newEmail, String confirmationLink, Instant expiresAt) {

	/** Hides the link and the address: this event may end up in a log message. */
	@Override
	public String toString() {
		return "EmailChangeRequested[accountId=" + this.accountId + "]";
	}

}
