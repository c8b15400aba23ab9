package io.zdash.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.zdash.support.Backoff;
import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates accounts and checks passwords for actions that ask for the password again. */
@Service
public class AccountService {

	private final AccountRepository accounts;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final Clock clock;

	private final PasswordAttempts attempts;

	private final SecurityLog securityLog;

	private final AdminProperties admin;

	private final CredentialRevocation revocation;

	AccountService(AccountRepository accounts, PasswordPolicy policy, PasswordEncoder encoder, Clock clock,
			PasswordAttempts attempts, SecurityLog securityLog, AdminProperties admin, CredentialRevocation revocation) {
		this.revocation = revocation;
		this.admin = admin;
		this.attempts = attempts;
		this.securityLog = securityLog;
		this.accounts = accounts;
		this.policy = policy;
		this.encoder = encoder;
		this.clock = clock;
	}

	/**
	 * @param created told the id of the account, when this call created one (never for a taken email)
	 * @return the problem with the form, or empty when the account exists now (new or not)
	 */
	Optional<SignupProblem> register(String typedEmail, String password, java.util.function.LongConsumer created) {
		Optional<String> refused = EmailAddress.problemWith(typedEmail);
		if (refused.isPresent()) {
			return Optional.of(new SignupProblem("email", refused.get()));
		}
		Optional<String> email = EmailAddress.normalise(typedEmail);
		Optional<PasswordProblem> weak = this.policy.check(password, email.get());
		if (weak.isPresent()) {
			return Optional.of(new SignupProblem("password", weak.get().messageKey()));
		}
		// Hash first, whatever happens next, so that a taken email costs the same time as a free one.
		String hash = this.encoder.encode(password);
		if (!this.accounts.emailExists(email.get())) {
			try {
				long id = this.accounts.insert(email.get(), hash, this.clock.instant());
				if (this.admin.email() == null || this.admin.email().isBlank()) {
					this.accounts.makeAdminIfFirst(id);
				}
				created.accept(id);
			}
			catch (DuplicateKeyException raceWithAnotherSignup) {
				// Same answer as below.
			}
		}
		// A taken email gets the same answer as a free one: sign-up must not tell who has an account.
		// Its owner signs in with the password they already have.
		return Optional.empty();
	}

	/**
	 * Re-checks the password of a signed-in account before a sensitive change (step-up, turning 2FA
	 * off, new recovery codes): the one place a password is checked outside the password step. It
	 * has its own attempt gate, keyed by the account: only someone holding a session of the account
	 * can fill it, so a stranger pausing the email at the password step does not stop the owner here,
	 * and a stolen session cannot guess the password freely either. False while that gate is closed
	 * ({@link #passwordRecheckWait} tells how long).
	 */
	public boolean passwordMatches(long accountId, String password) {
		Optional<Account> account = this.accounts.findById(accountId);
		PasswordAttempts.Gate gate = PasswordAttempts.ofRecheck(accountId);
		if (account.isEmpty() || !this.attempts.begin(gate).isZero()) {
			return false;
		}
		boolean matches = password != null && !password.isEmpty() && password.length() <= 4 * PasswordPolicy.MAX_LENGTH
				&& this.encoder.matches(password, account.get().passwordHash());
		if (matches) {
			this.attempts.reset(gate);
		}
		else {
			this.attempts.failed(gate);
		}
		return matches;
	}

	/** How long the password re-check of this signed-in account stays closed after too many wrong ones. */
	public Duration passwordRecheckWait(long accountId) {
		return this.attempts.waitFor(PasswordAttempts.ofRecheck(accountId));
	}

	/** The same in whole minutes, as a page says it; empty while the re-check is open. */
	public Optional<Long> passwordRecheckPauseMinutes(long accountId) {
		Duration wait = passwordRecheckWait(accountId);
		return wait.isZero() ? Optional.empty() : Optional.of(Backoff.minutes(wait));
	}

	/** @return why the new password is refused, or empty once it replaced the old one */
	@Transactional
	public Optional<PasswordProblem> changePassword(long accountId, String newPassword, Origin origin) {
		Optional<Account> account = this.accounts.findById(accountId);
		if (account.isEmpty()) {
			return Optional.of(PasswordProblem.EMPTY);
		}
		Optional<PasswordProblem> weak = this.policy.check(newPassword, account.get().email());
		if (weak.isPresent()) {
			return weak;
		}
		this.accounts.updatePasswordHash(accountId, this.encoder.encode(newPassword));
		this.attempts.resetAll(account.get().email(), accountId);
		this.securityLog.record(SecurityEvent.of(accountId, SecurityEvent.Type.PASSWORD_CHANGED, origin));
		this.revocation.revokeAll(accountId, "password", origin);
		return Optional.empty();
	}

	/** Lifts a password-step pause on the account's email (an administrator's action). */
	public void unlockPassword(long accountId) {
		this.accounts.findById(accountId).ifPresent(account -> this.attempts.resetAll(account.email(), accountId));
	}

	/** How long the account's email must still wait at the password step. */
	public Duration passwordWait(String email) {
		return this.attempts.waitFor(PasswordAttempts.ofEmail(email));
	}

	public void setDisabled(long accountId, boolean disabled) {
		this.accounts.setDisabled(accountId, disabled ? this.clock.instant() : null);
	}

	/** Remembers the language the owner signs in with ("en" or "pt-BR"), for emails sent with no request. */
	public void rememberLanguage(long accountId, java.util.Locale locale) {
		this.accounts.setLanguage(accountId, "pt".equals(locale.getLanguage()) ? "pt-BR" : "en");
	}

	/** The language the owner last signed in with; English when unknown. */
	public java.util.Locale languageOf(long accountId) {
		return this.accounts.language(accountId).map(java.util.Locale::forLanguageTag).orElse(java.util.Locale.ENGLISH);
	}

	/** The account's email, for messages sent to its owner. */
	public Optional<String> emailOf(long accountId) {
		return this.accounts.findById(accountId).map(Account::email);
	}

	record SignupProblem(String field, String messageKey) {
	}

}
