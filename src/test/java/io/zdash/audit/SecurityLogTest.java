package io.zdash.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.zdash.WebJourney;
import io.zdash.JourneyTest;
import io.zdash.support.SqlTime;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/** The account's own security log on the Security page: newest first, paged, pruned after 90 days. */
class SecurityLogTest extends JourneyTest {

	@Autowired
	SecurityEvents events;

	@Test
	void whenThingsHappenToAnAccountThenItsSecurityPageListsThemNewestFirst() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.journey.signUp(email);
		this.journey.signIn(email, "not the right password");
		MockHttpSession session = this.journey.signIn(email, WebJourney.PASSWORD);
		this.clock.advance(Duration.ofSeconds(1));
		this.journey.enableTwoFactor(session);

		Document page = this.journey.page("/security", session);
		List<String> what = page.select(".security-event td:nth-child(2)").eachText();
		assertThat(what).containsExactly("Two-factor authentication turned on", "Password accepted", "Wrong password");
		assertThat(page.select(".security-event td:nth-child(3)").text()).contains("127.0.0.1");
	}

	@Test
	void whenManyEventsThenPagedByTwenty() throws Exception {
		String email = WebJourney.uniqueEmail();
		MockHttpSession session = this.journey.signUpAndSignIn(email);
		long accountId = this.jdbc.sql("select id from account where email = ?").param(email).query(Long.class).single();
		for (int i = 0; i < 24; i++) {
			insert(accountId, this.clock.instant().minusSeconds(100 + i));
		}
		Document first = this.journey.page("/security", session);
		assertThat(first.select(".security-event")).hasSize(20);
		assertThat(first.select("a[href='/security?page=1']")).hasSize(1);
		Document second = this.journey.page("/security?page=1", session);
		assertThat(second.select(".security-event")).hasSize(5);
		assertThat(second.select("a[href='/security?page=0']")).hasSize(1);
		assertThat(this.journey.page("/security?page=-3", session).select(".security-event")).hasSize(20);
		assertThat(this.journey.page("/security?page=abc", session).select(".security-event")).hasSize(20);
	}

	@Test
	void whenEventsAreOlderThanNinetyDaysThenPruned() {
		String email = WebJourney.uniqueEmail();
		this.jdbc.sql("insert into account (email, password_hash, created_at) values (?, 'x', ?)")
			.params(email, SqlTime.utc(this.clock.instant())).update();
		long accountId = this.jdbc.sql("select id from account where email = ?").param(email).query(Long.class).single();
		insert(accountId, this.clock.instant().minus(Duration.ofDays(91)));
		insert(accountId, this.clock.instant().minus(Duration.ofDays(89)));
		this.events.prune();
		assertThat(this.jdbc.sql("select count(*) from security_event where account_id = ?").param(accountId)
			.query(Long.class).single()).isOne();
	}

	private void insert(long accountId, Instant at) {
		this.jdbc.sql("insert into security_event (occurred_at, account_id, type) values (?, ?, 'SIGN_IN_CODE_FAILED')")
			.params(SqlTime.utc(at), accountId).update();
	}

}
