package io.zdash.account;

import java.util.ArrayList;
import java.util.List;

import io.zdash.signin.RequiredFactors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * The password step's account lookup. Also re-hashes a password whose hash uses older parameters
 * when its owner signs in (Spring Security calls {@link #updatePassword}).
 */
@Service
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final AccountRepository accounts;

	private final RequiredFactors requiredFactors;

	private final AdminProperties admin;

	AccountUserDetailsService(AccountRepository accounts, RequiredFactors requiredFactors, AdminProperties admin) {
		this.accounts = accounts;
		this.requiredFactors = requiredFactors;
		this.admin = admin;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		// The same exception for a malformed and an unknown email: Spring still runs a dummy hash for
		// both, so neither message nor timing tells whether an account exists.
		Account account = EmailAddress.normalise(username)
			.flatMap(this.accounts::findByEmail)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
		return toUser(account);
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
		AccountUser accountUser = (AccountUser) user;
		this.accounts.updatePasswordHash(accountUser.accountId(), newPasswordHash);
		return new AccountUser(accountUser.accountId(), accountUser.getUsername(), newPasswordHash,
				List.copyOf(accountUser.getAuthorities()), accountUser.sessionEpoch(), accountUser.isEnabled());
	}

	AccountUser toUser(Account account) {
		List<GrantedAuthority> authorities = roles(account);
		authorities.addAll(this.requiredFactors.markersFor(account.id()));
		return new AccountUser(account.id(), account.email(), account.passwordHash(), authorities,
				account.sessionEpoch(), account.disabledAt() == null);
	}

	/** The account's roles: {@code ROLE_USER}, and {@code ROLE_ADMIN} when it is an administrator. */
	List<GrantedAuthority> roles(Account account) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		boolean namedAdmin = EmailAddress.normalise(this.admin.email()).filter(account.email()::equals).isPresent();
		if ("ADMIN".equals(account.role()) || namedAdmin) {
			authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
		}
		return authorities;
	}

}
