package io.zdash.account;

import java.util.concurrent.ThreadLocalRandom;

import io.zdash.JourneyTest;
import io.zdash.WebJourney;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** An address that looks like an existing account's is that account's, not a new one. */
class LookAlikeEmailTest extends JourneyTest {

	/** "pay" in Cyrillic letters: р, а, у. */
	private static final String CYRILLIC_PAY = "\u0440\u0430\u0443";

	private final String domain = "d" + ThreadLocalRandom.current().nextLong(1_000_000_000L) + ".test";

	@Test
	void whenALookAlikeOfAnAccountSignsUpThenAnsweredAsTakenAndNoAccountIsMade() throws Exception {
		this.journey.signUp("pay@" + this.domain);
		String lookAlike = CYRILLIC_PAY + "@" + this.domain;
		// The same answer as for any taken address: sign-up does not tell who has an account.
		this.journey.signUp(lookAlike);
		assertThat(this.jdbc.sql("select count(*) from account where email = ?").param(lookAlike).query(Long.class).single())
			.isZero();
		assertThat(this.jdbc.sql("select count(*) from account where email_skeleton = (select email_skeleton from account where email = ?)")
			.param("pay@" + this.domain).query(Long.class).single()).isOne();
	}

	@Test
	void whenAnAddressHidesCharactersOrMixesAlphabetsThenSignUpSaysWhy() throws Exception {
		MvcResult hidden = signUp("bob\u200b@" + this.domain);
		assertThat(Jsoup.parse(hidden.getResponse().getContentAsString()).text()).contains("invisible");
		MvcResult mixed = signUp("b\u043eb@" + this.domain);
		assertThat(Jsoup.parse(mixed.getResponse().getContentAsString()).text()).contains("alphabets");
		assertThat(this.jdbc.sql("select count(*) from account where email like ?").param("%@" + this.domain)
			.query(Long.class).single()).isZero();
	}

	@Test
	void whenAnEmailChangeAsksForALookAlikeOfAnotherAccountThenNothingIsSent() throws Exception {
		this.journey.signUp("pay@" + this.domain);
		MockHttpSession other = this.journey.signUpAndSignIn(this.email);
		this.mvc.perform(post("/security/email").session(other).with(csrf()).param("newEmail", CYRILLIC_PAY + "@" + this.domain));
		assertThat(this.jdbc.sql("select count(*) from email_change where account_id = (select id from account where email = ?)")
			.param(this.email).query(Long.class).single()).isZero();
	}

	private MvcResult signUp(String email) throws Exception {
		return this.mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", WebJourney.PASSWORD))
			.andReturn();
	}

}
