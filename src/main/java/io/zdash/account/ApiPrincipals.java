package io.zdash.account;

import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The principal of a JSON API request made with a personal access token: the account by its
 * primary key, with its roles only (a token stands for a finished sign-in, so the sign-in's factor
 * markers do not apply) and never a password hash. None for a disabled or deleted account.
 */
@Service
public class ApiPrincipals {

	private final AccountRepository accounts;

	private final AccountUserDetailsService users;

	ApiPrincipals(AccountRepository accounts, AccountUserDetailsService users) {
		this.accounts = accounts;
		this.users = users;
	}

	public Optional<AccountUser> of(long accountId) {
		return this.accounts.findById(accountId)
			.filter(account -> account.disabledAt() == null)
			.map(account -> new AccountUser(account.id(), account.email(), null, this.users.roles(account),
					account.sessionEpoch(), true));
	}

}
