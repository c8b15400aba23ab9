package io.zdash.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressTest {

	@Test
	void whenPaddedAndMixedCaseThenTrimmedAndLowerCased() {
		assertThat(EmailAddress.normalise("  Alice.Smith+2FA@Example.COM \t")).hasValue("alice.smith+2fa@example.com");
	}

	@Test
	void whenInternationalThenKept() {
		assertThat(EmailAddress.normalise("JOSÉ@exemplo.com.br")).hasValue("josé@exemplo.com.br");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "alice", "@example.com", "alice@", "alice@example", "a b@example.com",
			"a@b@example.com", "alice@exa\u0000mple.com", "<script>@x.com", "a,b@example.com", "\"quoted\"@example.com" })
	void whenMalformedThenRefused(String input) {
		assertThat(EmailAddress.normalise(input)).isEmpty();
	}

	@Test
	void whenLongerThan254ThenRefused() {
		assertThat(EmailAddress.normalise("a".repeat(250) + "@b.co")).isEmpty();
		assertThat(EmailAddress.normalise("x".repeat(10_000))).isEmpty();
	}

}
