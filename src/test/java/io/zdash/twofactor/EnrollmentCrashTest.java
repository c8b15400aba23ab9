package io.zdash.twofactor;

import java.time.Instant;

import io.zdash.MutableClock;
import io.zdash.WebJourney;
import io.zdash.WebTest;
import io.zdash.recovery.RecoveryCodes;
import io.zdash.support.Base32;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The app dies in the middle of turning 2FA on (simulated by a failure between the credential
 * insert and the recovery-code activation): after it, 2FA is fully off, and a retry turns it fully on.
 */
@WebTest
class EnrollmentCrashTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@MockitoSpyBean
	RecoveryCodes recoveryCodes;

	@Test
	void whenEnrollmentInterruptedMidTransactionThenTwoFactorIsFullyOffAndCanBeFinished() throws Exception {
		this.clock.set(Instant.now());
		WebJourney journey = new WebJourney(this.mvc, this.clock);
		String email = WebJourney.uniqueEmail();
		MockHttpSession session = journey.signUpAndSignIn(email);
		byte[] secret = Base32.decode(journey.page("/security/two-factor/setup", session).getElementById("totp-secret").text());
		this.mvc.perform(post("/security/two-factor/setup").session(session).with(csrf())
			.param("code", journey.currentCode(secret)));

		doThrow(new IllegalStateException("power cut")).when(this.recoveryCodes).activatePending(anyLong());
		assertThatException().isThrownBy(() -> this.mvc.perform(post("/security/two-factor/setup/confirm")
			.session(session).with(csrf()).param("saved", "true")));
		assertThat(count("totp_credential", email)).isZero();
		assertThat(count("totp_enrollment", email)).isOne();
		assertThat(activeCodes(email)).isZero();

		doCallRealMethod().when(this.recoveryCodes).activatePending(anyLong());
		this.mvc.perform(post("/security/two-factor/setup/confirm").session(session).with(csrf()).param("saved", "true"));
		assertThat(count("totp_credential", email)).isOne();
		assertThat(count("totp_enrollment", email)).isZero();
		assertThat(activeCodes(email)).isEqualTo(10);
	}

	private long count(String table, String email) {
		return this.jdbc.sql("select count(*) from " + table + " t join account a on a.id = t.account_id where a.email = ?")
			.param(email).query(Long.class).single();
	}

	private long activeCodes(String email) {
		return this.jdbc.sql("select count(*) from recovery_code r join account a on a.id = r.account_id "
				+ "where a.email = ? and r.active").param(email).query(Long.class).single();
	}

}
