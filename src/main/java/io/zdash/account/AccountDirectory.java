package io.zdash.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Accounts as other features may read them: a page for the administrator's list, and emails by id
 * for the security log. Never a password hash.
 */
@Service
public class AccountDirectory {

	/** One account for the administrator's list. */
	public record Summary(long id, String email, boolean admin, Instant disabledAt, Instant lastSignInAt,
			boolean passwordPaused) {
	}

	private final AccountRepository accounts;

	private final PasswordAttempts attempts;

	AccountDirectory(AccountRepository accounts, PasswordAttempts attempts) {
		this.accounts = accounts;
		this.attempts = attempts;
	}

	/** Accounts in the order they were created, {@code size} from page {@code page} (0 first). */
	public List<Summary> page(int page, int size) {
		return this.accounts.page(Math.max(0, page) * size, size)
			.stream()
			.map(a -> new Summary(a.id(), a.email(), "ADMIN".equals(a.role()), a.disabledAt(), a.lastSignInAt(),
					!this.attempts.waitFor(PasswordAttempts.ofEmail(a.email())).isZero()))
			.toList();
	}

	public Map<Long, String> emailsOf(Collection<Long> ids) {
		return this.accounts.emailsOf(ids);
	}

	/** The account with this (typed) email, if any. */
	public Optional<Long> idOf(String typedEmail) {
		return EmailAddress.normalise(typedEmail).flatMap(this.accounts::findByEmail).map(Account::id);
	}

	/** How many accounts the installation has, disabled ones included. */
	public long count() {
		return this.accounts.count();
	}

}
