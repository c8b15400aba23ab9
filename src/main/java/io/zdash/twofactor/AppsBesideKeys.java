package io.zdash.twofactor;

import io.zdash.passkey.OtherSecondFactors;
import io.zdash.recovery.TwoFactorLock;

import org.springframework.stereotype.Component;

/**
 * The authenticator apps and 2FA itself, as {@code passkey} asks before it adds or removes a key,
 * and {@code recovery} before it makes new codes: both take the lock every change of factors takes.
 */
@Component
class AppsBesideKeys implements OtherSecondFactors, TwoFactorLock {

	private final TotpCredentials credentials;

	private final TotpApps apps;

	AppsBesideKeys(TotpCredentials credentials, TotpApps apps) {
		this.credentials = credentials;
		this.apps = apps;
	}

	@Override
	public boolean anyBesideKeys(long accountId) {
		this.credentials.lock(accountId);
		return this.apps.count(accountId) > 0;
	}

	@Override
	public boolean twoFactorOn(long accountId) {
		return this.credentials.lock(accountId);
	}

}
