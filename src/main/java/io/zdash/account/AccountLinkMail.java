package io.zdash.account;

import java.time.Instant;

import io.zdash.support.Origin;

/**
 * The emails with a link to the account's own address: confirming the address, and resetting a
 * forgotten password. Written in the request's language, sent once the transaction commits and off
 * the request's thread, so that how long the page takes does not tell whether an account exists.
 * A port of this feature, implemented by the notifications feature.
 */
public interface AccountLinkMail {

	void sendVerification(long accountId, String email, String link, Instant expiresAt, Origin origin);

	void sendPasswordReset(long accountId, String email, String link, Instant expiresAt, Origin origin);

	/** The link that confirms a recovery of a lost authenticator, then completes it after the wait. */
	void sendLostDeviceConfirmation(long accountId, String email, String link, Instant expiresAt, Origin origin);

}
