package io.zdash.recovery;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import io.zdash.support.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCodeTest {

	@Test
	void whenGeneratedThenEightyRandomBitsInFourReadableGroups() {
		RecoveryCode code = RecoveryCode.random();
		assertThat(Base32.decode(code.value())).hasSize(10);
		assertThat(code.grouped()).matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}");
		Set<String> many = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			many.add(RecoveryCode.random().value());
		}
		assertThat(many).hasSize(10_000);
	}

	@Test
	void whenTypedLowerCaseWithSpacesThenParsedToTheSameCode() {
		RecoveryCode code = RecoveryCode.random();
		assertThat(RecoveryCode.parse(" " + code.grouped().toLowerCase().replace('-', ' ') + " ")).contains(code);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "ABCD-EFGH-IJKL-MNO", "ABCD-EFGH-IJKL-MNOP1", "ABCD-EFGH-IJKL-MN0P", "ÁBCD-EFGH-IJKL-MNOP",
			"123456" })
	void whenNotTheShapeOfACodeThenRefused(String input) {
		assertThat(RecoveryCode.parse(input)).isEmpty();
	}

	@Test
	void whenHashedThenSaltMattersAndTheCodeIsNotInTheHash() {
		RecoveryCode code = RecoveryCode.random();
		byte[] salt1 = new byte[16];
		byte[] salt2 = new byte[16];
		new SecureRandom().nextBytes(salt1);
		new SecureRandom().nextBytes(salt2);
		assertThat(code.hash(salt1)).isEqualTo(code.hash(salt1)).isNotEqualTo(code.hash(salt2))
			.doesNotContain(code.value());
		assertThat(code.toString()).doesNotContain(code.value());
	}

}
