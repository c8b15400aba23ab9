package io.zdash.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy(new TwoFactorIssuer("Z-API"));

	@Test
	void whenLengthCountedThenCodePointsCountNotUtf16Units() {
		// 11 emoji are 22 UTF-16 units but only 11 characters: too short.
		String elevenEmoji = "🦊🐙🦉🐢🦋🐝🦀🐬🦒🦔🐿";
		assertThat(policy.check(elevenEmoji, "a@example.com")).contains(PasswordProblem.TOO_SHORT);
		assertThat(policy.check(elevenEmoji + "🦘", "a@example.com")).isEmpty();
	}

	@Test
	void whenLongPassphraseThenAcceptedUpTo128AndRefusedBeyond() {
		String words = "quartz lantern obey violet harbour 42 ";
		String len128 = words.repeat(4).substring(0, 128);
		assertThat(policy.check(len128, "a@example.com")).isEmpty();
		assertThat(policy.check(len128 + "x", "a@example.com")).contains(PasswordProblem.TOO_LONG);
		assertThat(policy.check("x".repeat(100_000), "a@example.com")).contains(PasswordProblem.TOO_LONG);
	}

	@Test
	void whenNoCompositionRulesThenLowercaseWordsAreFine() {
		assertThat(policy.check("marmalade trombone glacier", "a@example.com")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "password1234", "123456789012", "qwertyuiopas", "aaaaaaaaaaaa", "iloveyou1234" })
	void whenCommonOrPatternedThenRefusedWithAReason(String password) {
		assertThat(policy.check(password, "a@example.com")).hasValueSatisfying(problem -> assertThat(problem)
			.isIn(PasswordProblem.COMMON, PasswordProblem.PATTERN, PasswordProblem.GUESSABLE));
	}

	@Test
	void whenBuiltFromEmailOrServiceNameThenRefusedAsContextual() {
		assertThat(policy.check("mariasilva2024!", "mariasilva@example.com")).contains(PasswordProblem.CONTEXTUAL);
		assertThat(policy.check("my z-api password", "a@example.com")).contains(PasswordProblem.CONTEXTUAL);
	}

	@Test
	void whenEmptyThenSaidSo() {
		assertThat(policy.check("", "a@example.com")).contains(PasswordProblem.EMPTY);
		assertThat(policy.check(null, "a@example.com")).contains(PasswordProblem.EMPTY);
	}

}
