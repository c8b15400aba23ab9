package io.zdash.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.zdash.HttpJourney;
import io.zdash.MutableClock;
import io.zdash.ServerTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.support.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A full journey with every log line captured: no password, secret, code or session id in any. */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class LogSecrecyTest {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Test
	void whenFullJourneyRunsThenLogsHoldNoSecret(CapturedOutput output) throws Exception {
		this.clock.set(Instant.now());
		String email = WebJourney.uniqueEmail();
		List<String> secrets = new ArrayList<>(List.of(WebJourney.PASSWORD));
		HttpJourney person = new HttpJourney(this.port);
		person.signUp(email);
		person.signIn(email);
		secrets.add(person.sessionId());
		new HttpJourney(this.port).submit("/login", "/login", "email", email, "password", "wrong password typed here");
		secrets.add("wrong password typed here");
		Enrolled enrolled = person.enableTwoFactor(this.clock);
		secrets.add(Base32.encode(enrolled.secret()));
		secrets.add(HexFormat.of().formatHex(enrolled.secret()));
		secrets.addAll(enrolled.recoveryCodes());

		HttpJourney again = new HttpJourney(this.port);
		again.signIn(email);
		secrets.add(again.sessionId());
		again.submit("/login/totp", "/login/totp", "code", "000001");
		this.clock.advance(Duration.ofSeconds(30));
		String code = HttpJourney.code(enrolled.secret(), this.clock);
		secrets.add(code);
		again.submit("/login/totp", "/login/totp", "code", code);
		secrets.add(again.sessionId());
		HttpJourney third = new HttpJourney(this.port);
		third.signIn(email);
		third.submit("/login/recovery", "/login/recovery", "code", enrolled.recoveryCodes().get(1));
		secrets.add(third.sessionId());

		assertThat(output.getAll()).contains("security_event type=SIGN_IN_CODE_SUCCEEDED");
		for (String secret : secrets) {
			assertThat(secret).isNotBlank();
			assertThat(output.getAll()).doesNotContain(secret).doesNotContain(secret.replace("-", ""));
		}
	}

}
