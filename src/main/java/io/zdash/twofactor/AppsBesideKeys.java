package io.zdash.twofactor;

import io.zdash.passkey.OtherSecondFactors;

import org.springframework.stereotype.Component;

/** The authenticator apps, as {@code passkey} asks before it adds or removes a key. */
@Component
class AppsBesideKeys implements OtherSecondFactors {

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
