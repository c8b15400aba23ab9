package io.zdash.account;

import java.time.Clock;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates accounts and checks passwords for actions that ask for the password again. */
@Service
public class AccountService {

	private final AccountRepository accounts;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final Clock clock;

	AccountService(AccountRepository accounts, PasswordPolicy policy, PasswordEncoder encoder, Clock clock) {
		this.accounts = accounts;
		this.policy = policy;
		this.encoder = encoder;
		this.clock = clock;
	}

	/** @return the message key of the problem, or empty when the account was created */
	Optional<SignupProblem> register(String typedEmail, String password) {
		Optional<String> email = EmailAddress.normalise(typedEmail);
		if (email.isEmpty()) {
			return Optional.of(new SignupProblem("email", "email.invalid"));
		}
		Optional<PasswordProblem> weak = this.policy.check(password, email.get());
		if (weak.isPresent()) {
			return Optional.of(new SignupProblem("password", weak.get().messageKey()));
		}
		if (this.accounts.emailExists(email.get())) {
			return Optional.of(new SignupProblem("email", "email.taken"));
		}
		try {
			this.accounts.insert(email.get(), this.encoder.encode(password), this.clock.instant());
			return Optional.empty();
		}
		catch (DuplicateKeyException raceWithAnotherSignup) {
			return Optional.of(new SignupProblem("email", "email.taken"));
		}
	}

	/** Re-checks the password of a signed-in account before a sensitive change. */
	public boolean passwordMatches(long accountId, String password) {
		if (password == null || password.isEmpty() || password.length() > 4 * PasswordPolicy.MAX_LENGTH) {
			return false;
		}
		return this.accounts.findById(accountId)
			.map(account -> this.encoder.matches(password, account.passwordHash()))
			.orElse(false);
	}

	record SignupProblem(String field, String messageKey) {
	}

}
