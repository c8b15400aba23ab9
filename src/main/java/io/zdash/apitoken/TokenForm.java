package io.zdash.apitoken;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.zdash.support.FactorName;
import io.zdash.support.UtcDay;

/**
 * The "new token" form as typed: a name, an expiry (7, 30 or 90 days, or a date up to a year
 * ahead, UTC) and the scopes ticked. {@link #check} turns it into a valid request or the message
 * key of what is wrong; nothing typed is trusted before that.
 */
record TokenForm(String name, String expiry, String date, List<String> scopes) {

	static final int MAX_DAYS = 366;

	/** A form that passed the checks. */
	record Checked(String name, Set<Scope> scopes, Instant expiresAt) {
	}

	static TokenForm empty() {
		return new TokenForm("", "30", "", List.of());
	}

	/** The message key of the first problem, or the checked form. */
	Result check(Instant now, boolean admin) {
		Optional<String> validName = FactorName.parse(this.name);
		if (validName.isEmpty()) {
			return Result.problem("tokens.error.name");
		}
		Set<Scope> chosen = EnumSet.noneOf(Scope.class);
		List<String> typed = (this.scopes != null) ? this.scopes : List.of();
		if (typed.isEmpty() || typed.size() > Scope.values().length) {
			return Result.problem("tokens.error.scopes");
		}
		for (String value : typed) {
			Optional<Scope> scope = Scope.of(value).filter(s -> admin || s != Scope.ADMIN_READ);
			if (scope.isEmpty()) {
				return Result.problem("tokens.error.scopes");
			}
			chosen.add(scope.get());
		}
		Optional<Instant> expiresAt = expiresAt(now);
		if (expiresAt.isEmpty()) {
			return Result.problem("tokens.error.expiry");
		}
		return new Result(new Checked(validName.get(), chosen, expiresAt.get()), null);
	}

	private Optional<Instant> expiresAt(Instant now) {
		if (this.expiry == null) {
			return Optional.empty();
		}
		switch (this.expiry) {
			case "7", "30", "90" -> {
				return Optional.of(now.plusSeconds(86_400L * Integer.parseInt(this.expiry)));
			}
			case "date" -> {
				// The end of the chosen day (UTC): a token "until 31 March" works all that day.
				return UtcDay.parse(this.date)
					.map(start -> start.plusSeconds(86_400))
					.filter(end -> end.isAfter(now.plusSeconds(3600)) && !end.isAfter(now.plusSeconds(86_400L * MAX_DAYS)));
			}
			default -> {
				return Optional.empty();
			}
		}
	}

	record Result(Checked checked, String problem) {

		static Result problem(String key) {
			return new Result(null, key);
		}

	}

}
