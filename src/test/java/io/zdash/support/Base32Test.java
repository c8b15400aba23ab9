package io.zdash.support;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Base32Test {

	/** RFC 4648 section 10, without the padding authenticator apps do not use. */
	@ParameterizedTest
	@CsvSource({ "'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI" })
	void whenRfc4648VectorsThenEncodedAndDecoded(String plain, String encoded) {
		assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
		assertThat(new String(Base32.decode(encoded), StandardCharsets.US_ASCII)).isEqualTo(plain);
	}

	@Test
	void whenKeyTypedGroupedLowerCaseOrPaddedThenDecodedTheSame() {
		byte[] key = Base32.decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(key);
		assertThat(Base32.decode("MZXW6===")).isEqualTo("foo".getBytes(StandardCharsets.US_ASCII));
		assertThat(new String(key, StandardCharsets.US_ASCII)).isEqualTo("12345678901234567890");
	}

	@Test
	void whenNotBase32ThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("ABC1"));
		assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("ÁBCD"));
	}

}
