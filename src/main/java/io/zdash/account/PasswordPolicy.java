package io.zdash.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nulabinc.zxcvbn.Pattern;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;

import org.springframework.stereotype.Component;

/**
 * NIST 800-63B password rules: 12 to 128 characters counted in Unicode code points, no composition
 * rules, and guessable passwords (common, patterned, or built from the email or the service name)
 * refused with a reason. Thread-safe: {@link Zxcvbn} keeps no state between calls.
 */
@Component
public class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	/** zxcvbn is quadratic in length; past 100 characters a password is not guessable anyway. */
	private static final int MEASURED_PREFIX = 100;

	/** zxcvbn score 3: "safely unguessable: moderate protection from offline slow-hash scenario". */
	private static final int MIN_SCORE = 3;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	private final List<String> serviceWords;

	PasswordPolicy(TwoFactorIssuer issuer) {
		this.serviceWords = List.of(issuer.name().toLowerCase(Locale.ROOT), "zapi", "z-api", "dashboard", "zdash");
	}

	/** @return the reason the password is refused, or empty when it is acceptable */
	public Optional<PasswordProblem> check(String password, String email) {
		if (password == null || password.isEmpty()) {
			return Optional.of(PasswordProblem.EMPTY);
		}
		if (password.length() > 4 * MAX_LENGTH) {
			return Optional.of(PasswordProblem.TOO_LONG);
		}
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return Optional.of(PasswordProblem.TOO_SHORT);
		}
		if (length > MAX_LENGTH) {
			return Optional.of(PasswordProblem.TOO_LONG);
		}
		String lower = password.toLowerCase(Locale.ROOT);
		List<String> context = contextWords(email);
		if (context.stream().anyMatch(word -> word.length() >= 4 && lower.contains(word))) {
			return Optional.of(PasswordProblem.CONTEXTUAL);
		}
		String measured = (length > MEASURED_PREFIX)
				? password.substring(0, password.offsetByCodePoints(0, MEASURED_PREFIX)) : password;
		Strength strength = this.zxcvbn.measure(measured, context);
		if (strength.getScore() >= MIN_SCORE) {
			return Optional.empty();
		}
		return Optional.of(reason(strength.getSequence()));
	}

	private List<String> contextWords(String email) {
		List<String> words = new ArrayList<>(this.serviceWords);
		if (email != null && !email.isBlank()) {
			String lower = email.strip().toLowerCase(Locale.ROOT);
			words.add(lower);
			int at = lower.indexOf('@');
			if (at > 0) {
				words.add(lower.substring(0, at));
			}
		}
		return words;
	}

	private static PasswordProblem reason(List<Match> sequence) {
		for (Match match : sequence) {
			if (match.pattern == Pattern.Dictionary && "passwords".equals(match.dictionaryName)) {
				return PasswordProblem.COMMON;
			}
		}
		for (Match match : sequence) {
			if (match.pattern == Pattern.Repeat || match.pattern == Pattern.Sequence
					|| match.pattern == Pattern.Spatial) {
				return PasswordProblem.PATTERN;
			}
		}
		return PasswordProblem.GUESSABLE;
	}

}
