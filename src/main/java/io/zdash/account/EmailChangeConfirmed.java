package io.zdash.account;

/**
 * An account's email was changed by opening the confirmation link. Security emails from now on go to
 * the new address, so this event carries the previous one: its owner must hear of the change there
 * too, in case it was not them.
 */
public record EmailChangeConfirmed(long accountId, String previousEmail) {

	@Override
	public String toString() {
		return "EmailChangeConfirmed[accountId=" + this.accountId + "]";
	}

}
