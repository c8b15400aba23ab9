package io.zdash.admin;

import java.time.Instant;
import java.util.List;

import io.zdash.account.AccountDirectory;
import io.zdash.lostdevice.LostDeviceRecoveries;
import io.zdash.twofactor.TwoFactorAdmin;

import org.springframework.stereotype.Component;

/**
 * The administrator's read model of accounts: a page from the account feature, each with its
 * second factor's state from the two-factor feature. Never a secret, a hash or a code.
 */
@Component
class AccountOverview {

	static final int PAGE_SIZE = 50;

	/** One account as the admin page shows it. */
	public record Row(long id, String email, boolean admin, Instant disabledAt, Instant lastSignInAt,
			Instant twoFactorSince, boolean codesPaused, boolean codesBlocked, boolean passwordPaused,
			LostDeviceRecoveries.Running recovery) {

		public boolean paused() {
			return this.codesPaused || this.codesBlocked || this.passwordPaused;
		}

	}

	/** How many accounts have 2FA on, and how many have not. */
	public record Adoption(long withTwoFactor, long withoutTwoFactor) {
	}

	private final AccountDirectory accounts;

	private final TwoFactorAdmin twoFactor;

	private final LostDeviceRecoveries recoveries;

	AccountOverview(AccountDirectory accounts, TwoFactorAdmin twoFactor, LostDeviceRecoveries recoveries) {
		this.accounts = accounts;
		this.twoFactor = twoFactor;
		this.recoveries = recoveries;
	}

	List<Row> page(int page) {
		return this.accounts.page(page, PAGE_SIZE).stream().map(account -> {
			TwoFactorAdmin.State state = this.twoFactor.stateOf(account.id());
			return new Row(account.id(), account.email(), account.admin(), account.disabledAt(), account.lastSignInAt(),
					state.enabledSince(), state.paused(), state.blocked(), account.passwordPaused(),
					this.recoveries.running(account.id()).orElse(null));
		}).toList();
	}

	Adoption adoption() {
		long with = this.twoFactor.accountsWithTwoFactor();
		return new Adoption(with, Math.max(0, this.accounts.count() - with));
	}

}
