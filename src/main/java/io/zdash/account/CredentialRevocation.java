package io.zdash.account;

import io.zdash.support.Origin;

/**
 * The port to credentials that must not outlive the password they were made under (the API's
 * personal access tokens): told of every password change and reset, inside its transaction, so the
 * new password and the revocation commit together.
 */
public interface CredentialRevocation {

	void passwordChanged(long accountId, Origin origin);

}
