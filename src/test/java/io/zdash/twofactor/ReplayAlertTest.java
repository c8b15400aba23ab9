package io.zdash.twofactor;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import io.zdash.WebJourney.Enrolled;
import io.zdash.support.Origin;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/** A right code sent again from another session: the owner sees a banner; the same session twice is no news. */
class ReplayAlertTest extends JourneyTest {

	@Autowired
	ReplayAlert alert;

	@Test
	void whenAnotherSessionSendsAUsedCodeThenEveryPageOfTheOwnerSaysSoWithWhereFrom() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.journey.nextStep();
		String code = this.journey.currentCode(enrolled.secret());
		MockHttpSession owner = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.journey.submitCode(owner, code);
		assertThat(this.journey.page("/", owner).getElementById("code-tried-again")).isNull();

		MockHttpSession onlooker = this.journey.signIn(this.email, WebJourney.PASSWORD);
		assertThat(this.journey.submitCode(onlooker, code).getResponse().getStatus()).as("refused").isEqualTo(200);
		for (String page : new String[] { "/", "/security" }) {
			assertThat(this.journey.page(page, owner).getElementById("code-tried-again").text()).as(page)
				.contains("A code you used to sign in was tried again from 127.0.0.1").contains("change it now");
		}
		assertThat(events("USED_CODE_TRIED_AGAIN")).isOne();
		assertThat(events("CODE_REPLAY_REFUSED")).isOne();
	}

	@Test
	void whenTheOwnerTypesTheSameCodeAgainAtAReCheckThenItIsRefusedButNobodyIsAlarmed() throws Exception {
		Enrolled enrolled = this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		this.journey.nextStep();
		String code = this.journey.currentCode(enrolled.secret());
		MockHttpSession owner = this.journey.signIn(this.email, WebJourney.PASSWORD);
		this.journey.submitCode(owner, code);
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/security/confirm")
			.session(owner).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("continue", "/").param("code", code));
		assertThat(events("CODE_REPLAY_REFUSED")).as("refused: each code works once").isOne();
		assertThat(events("USED_CODE_TRIED_AGAIN")).isZero();
		assertThat(this.journey.page("/", owner).getElementById("code-tried-again")).isNull();
	}

	@Test
	void whenTheSameSessionSendsItsCodeTwiceThenNobodyIsAlarmed() throws Exception {
		this.journey.enableTwoFactor(this.journey.signUpAndSignIn(this.email));
		long accountId = this.jdbc.sql("select id from account where email = ?").param(this.email).query(Long.class).single();
		long appId = this.jdbc.sql("select id from totp_app where account_id = ?").param(accountId).query(Long.class).single();
		this.jdbc.sql("update totp_app set last_used_by = 'same-session' where id = ?").param(appId).update();
		this.alert.usedCodeSentAgain(accountId, appId, "same-session", Origin.NONE);
		this.alert.usedCodeSentAgain(accountId, appId, null, Origin.NONE);
		assertThat(events("USED_CODE_TRIED_AGAIN")).isZero();
		this.alert.usedCodeSentAgain(accountId, appId, "another-session", Origin.NONE);
		assertThat(events("USED_CODE_TRIED_AGAIN")).isOne();
	}

	private long events(String type) {
		return this.jdbc.sql("select count(*) from security_event e join account a on a.id = e.account_id "
				+ "where a.email = ? and e.type = ?").params(this.email, type).query(Long.class).single();
	}

}
