package io.zdash.twofactor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OneTimeCodeTest {

	@ParameterizedTest
	@ValueSource(strings = { "123456", " 123456 ", "123 456", "\t123456\n", "123\u00A0456" })
	void whenSixDigitsWithSpacesThenAccepted(String input) {
		assertThat(OneTimeCode.parse(input)).map(OneTimeCode::digits).hasValue("123456");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "12345", "1234567", "+12345", "-12345", "12345a", "abcdef", "١٢٣٤٥٦", "٠١٢٣٤٥",
			"１２３４５６", "12.345", "12345\u0000", "0x1234" })
	void whenNotExactlySixAsciiDigitsThenRefused(String input) {
		assertThat(OneTimeCode.parse(input)).isEmpty();
	}

	@Test
	void whenHugeInputThenRefusedWithoutWork() {
		assertThat(OneTimeCode.parse("1".repeat(10_000))).isEmpty();
	}

	@Test
	void whenPrintedThenTheDigitsAreHidden() {
		assertThat(new OneTimeCode("123456").toString()).doesNotContain("123456");
	}

}
