package io.zdash.account;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in principal. Carries the account id so that features never look an account up by its
 * email, and forgets the password hash once authentication is done.
 */
public final class AccountUser implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private final long accountId;

	private final String email;

	private String passwordHash;

	private final List<GrantedAuthority> authorities;

	private final int sessionEpoch;

	private final boolean enabled;

	AccountUser(long accountId, String email, String passwordHash, List<GrantedAuthority> authorities,
			int sessionEpoch, boolean enabled) {
		this.sessionEpoch = sessionEpoch;
		this.enabled = enabled;
		this.accountId = accountId;
		this.email = email;
		this.passwordHash = passwordHash;
		this.authorities = List.copyOf(authorities);
	}

	public long accountId() {
		return this.accountId;
	}

	/** The account's session epoch when this session signed in; see {@link AccountSessions}. */
	public int sessionEpoch() {
		return this.sessionEpoch;
	}

	AccountUser withSessionEpoch(int epoch) {
		return new AccountUser(this.accountId, this.email, null, this.authorities, epoch, this.enabled);
	}

	AccountUser withEmail(String newEmail) {
		return new AccountUser(this.accountId, newEmail, null, this.authorities, this.sessionEpoch, this.enabled);
	}

	@Override
	public String getUsername() {
		return this.email;
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	/** A disabled account's password step fails like a wrong password. */
	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AccountUser user && user.accountId == this.accountId;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.accountId);
	}

	@Override
	public String toString() {
		return "AccountUser[id=" + this.accountId + "]";
	}

}
