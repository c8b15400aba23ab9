package io.zdash.account;

import java.time.Clock;
import java.util.Optional;

import io.zdash.support.Origin;

import org.springframework.stereotype.Component;

/**
 * The account side of a sign-in that proved its factors without the password (a passkey that
 * verified its user): the same principal as the password step gives, and the same records — the
 * last sign-in, and the known device (a new one is emailed about).
 */
@Component
public class SignInWithoutPassword {

	private final AccountRepository accounts;

	private final AccountUserDetailsService users;

	private final KnownDevices devices;

	private final Clock clock;

	SignInWithoutPassword(AccountRepository accounts, AccountUserDetailsService users, KnownDevices devices,
			Clock clock) {
		this.accounts = accounts;
		this.users = users;
		this.devices = devices;
		this.clock = clock;
	}

	/** The principal of the account, if it exists and is not disabled; its sign-in is then recorded. */
	public Optional<AccountUser> signIn(long accountId, Origin origin) {
		Optional<Account> account = this.accounts.findById(accountId).filter(a -> a.disabledAt() == null);
		account.ifPresent(a -> {
			this.accounts.recordSignIn(accountId, this.clock.instant());
			this.devices.signedIn(accountId, this.clock.instant(), origin);
		});
		return account.map(this.users::toUser);
	}

}
