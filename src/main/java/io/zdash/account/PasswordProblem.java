package io.zdash.account;

/** Why a password is refused; each maps to a message key the pages show. */
public enum PasswordProblem {

	EMPTY("password.empty"), TOO_SHORT("password.tooShort"), TOO_LONG("password.tooLong"),
	CONTEXTUAL("password.contextual"), COMMON("password.common"), PATTERN("password.pattern"),
	GUESSABLE("password.guessable");

	private final String messageKey;

	PasswordProblem(String messageKey) {
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return this.messageKey;
	}

}
