package io.zdash;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's {@code --rotate-keys} command starts, rotates and exits 0, beside no web server. */
@ExtendWith(OutputCaptureExtension.class)
class RotateKeysCommandTest {

	@Test
	void whenTheOperatorRotatesKeysThenTheCommandStartsAndSucceeds(CapturedOutput output) {
		String run = UUID.randomUUID().toString();
		int exit = ZdashApplication.rotateKeys("--rotate-keys", "--spring.profiles.active=test",
				"--spring.datasource.url=jdbc:h2:mem:rotate-" + run + ";DB_CLOSE_DELAY=-1",
				"--zdash.crypto.keyset-file=target/test-data/rotate-" + run + ".json");
		assertThat(exit).isZero();
		assertThat(output.getAll()).contains("Key rotation done").doesNotContainPattern("started on port \\d");
	}

}
