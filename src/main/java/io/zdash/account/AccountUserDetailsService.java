package io.zdash.account;

import java.util.ArrayList;
import java.util.List;

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

	private final TwoFactorStatus twoFactor;

	private final TwoFactorPolicy policy;

	private final AdminProperties admin;

	AccountUserDetailsService(AccountRepository accounts, TwoFactorStatus twoFactor, TwoFactorPolicy policy,
			AdminProperties admin) {
		this.accounts = accounts;
		this.twoFactor = twoFactor;
		this.policy = policy;
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

	private AccountUser toUser(Account account) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		boolean namedAdmin = EmailAddress.normalise(this.admin.email()).filter(account.email()::equals).isPresent();
		if ("ADMIN".equals(account.role()) || namedAdmin) {
			authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
		}
		if (this.twoFactor.isEnabled(account.id())) {
			authorities.add(new SimpleGrantedAuthority(SignInFactors.TOTP_ENROLLED));
		}
		else if (this.policy.requiredForEveryone()) {
			authorities.add(new SimpleGrantedAuthority(SignInFactors.TOTP_REQUIRED));
		}
		return new AccountUser(account.id(), account.email(), account.passwordHash(), authorities,
				account.sessionEpoch(), account.disabledAt() == null);
	}

}
