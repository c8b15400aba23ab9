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

	@ParameterizedTest
	@ValueSource(strings = { "bob\u200b@example.com", "bob@example.com\u200b", "b\u202eob@example.com",
			"bob@exam\u2066ple.com", "\ufeffbob@example.com", "bo\u00adb@example.com" })
	void whenInvisibleOrDirectionCharactersThenRefusedWithTheirOwnReason(String input) {
		assertThat(EmailAddress.normalise(input)).isEmpty();
		assertThat(EmailAddress.problemWith(input)).hasValue("email.invisible");
	}

	@ParameterizedTest
	@ValueSource(strings = { "b\u043eb@example.com", "bob@ex\u0430mple.com", "p\u0430ypal@example.com" })
	void whenOnePartMixesAlphabetsThenRefusedWithTheirOwnReason(String input) {
		assertThat(EmailAddress.normalise(input)).isEmpty();
		assertThat(EmailAddress.problemWith(input)).hasValue("email.mixedScripts");
	}

	@Test
	void whenFullwidthOrCompatibilityFormsThenTheyMeanThePlainAddress() {
		assertThat(EmailAddress.normalise("\uff41dmin@example.com")).hasValue("admin@example.com");
		assertThat(EmailAddress.normalise("ADMIN@\uff45xample.com")).hasValue("admin@example.com");
	}

	@Test
	void whenOneAlphabetPerPartThenKept() {
		assertThat(EmailAddress.normalise("\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444"))
			.isPresent();
		assertThat(EmailAddress.normalise("\u0438\u0432\u0430\u043d@example.com")).isPresent();
		assertThat(EmailAddress.problemWith("alice@example.com")).isEmpty();
	}

	@Test
	void whenTwoAddressesLookAlikeThenTheirSkeletonsAreEqual() {
		String latin = EmailAddress.normalise("pay@example.com").orElseThrow();
		String cyrillic = EmailAddress.normalise("\u0440\u0430\u0443@example.com").orElseThrow();
		assertThat(cyrillic).isNotEqualTo(latin);
		assertThat(EmailAddress.skeleton(cyrillic)).isEqualTo(EmailAddress.skeleton(latin));
		assertThat(EmailAddress.skeleton("bob@example.com")).isNotEqualTo(EmailAddress.skeleton("rob@example.com"));
	}

}
