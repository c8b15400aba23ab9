package io.zdash.account;

import java.time.Instant;

import io.zdash.support.Origin;

/**
 * The two emails of an email change, sent once the change's transaction commits (never for one
 * rolled back). A port of this feature, implemented by the notifications feature.
 */
public interface EmailChangeMail {

	/** The link that proves the owner reads {@code newEmail}, mailed to that address alone. */
	void sendConfirmation(long accountId, String newEmail, String link, Instant expiresAt, Origin origin);

	/** Once the link was opened: the notice to the previous address (the new one may be an intruder's). */
	void sendChangedNotice(long accountId, String previousEmail, Origin origin);

}
