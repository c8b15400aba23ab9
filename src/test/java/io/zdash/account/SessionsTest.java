package io.zdash.account;

import io.zdash.WebJourney;
import io.zdash.JourneyTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The Security page lists where the account is signed in, and ends any of those sessions. */
class SessionsTest extends JourneyTest {

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

	private static final String PHONE = "Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36";

	@BeforeEach
	void setUp() throws Exception {
		this.journey.signUp(this.email);
	}

	@Test
	void whenSignedInOnTwoDevicesThenBothAreListedAndOneCanEndTheOther() throws Exception {
		MockHttpSession laptop = signIn(FIREFOX);
		MockHttpSession phone = signIn(PHONE);

		Document page = this.journey.page("/security", laptop);
		assertThat(page.select(".session-row")).hasSize(2);
		Element current = page.select(".session-row").first();
		assertThat(current.text()).contains("Firefox on Linux").contains("This session").contains("127.0.0.1");
		Element other = page.select(".session-row").get(1);
		assertThat(other.text()).contains("Chrome on Android");

		String revoke = other.selectFirst("form").attr("action");
		// The page names sessions by a hash: a session id (a UUID) is as good as its cookie.
		assertThat(revoke).matches("/security/sessions/[0-9a-f]{64}/revoke");
		for (String id : this.jdbc.sql("select session_id from spring_session").query(String.class).list()) {
			assertThat(page.outerHtml()).doesNotContain(id);
		}
		this.mvc.perform(post(revoke).session(laptop).with(csrf()));
		assertThat(this.mvc.perform(get("/").session(phone)).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(this.mvc.perform(get("/").session(laptop)).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(this.journey.page("/security", laptop).select(".session-row")).hasSize(1);
	}

	@Test
	void whenSignOutAllOthersThenOnlyThisSessionRemains() throws Exception {
		MockHttpSession laptop = signIn(FIREFOX);
		MockHttpSession phone = signIn(PHONE);
		MockHttpSession tablet = signIn(PHONE);
		this.mvc.perform(post("/security/sessions/revoke-others").session(laptop).with(csrf()));
		assertThat(this.mvc.perform(get("/").session(phone)).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(this.mvc.perform(get("/").session(tablet)).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(this.journey.page("/security", laptop).select(".session-row")).hasSize(1);
	}

	@Test
	void whenSomeoneElsesSessionIdIsPostedThenNothingHappens() throws Exception {
		MockHttpSession mine = signIn(FIREFOX);
		String stranger = WebJourney.uniqueEmail();
		this.journey.signUp(stranger);
		MockHttpSession theirs = this.journey.signIn(stranger, WebJourney.PASSWORD);
		String theirId = this.journey.page("/security", theirs).select(".session-row").first().id();
		for (String id : new String[] { "not-a-session", "x".repeat(3000) }) {
			assertThat(this.mvc.perform(post("/security/sessions/{id}/revoke", id).session(mine).with(csrf())).andReturn()
				.getResponse().getStatus()).isEqualTo(302);
		}
		assertThat(this.mvc.perform(get("/").session(theirs)).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(theirId).isNotNull();
	}

	private MockHttpSession signIn(String userAgent) throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(post("/login").session(session).with(csrf()).header("User-Agent", userAgent)
			.param("email", this.email).param("password", WebJourney.PASSWORD));
		return session;
	}

}
