package io.zdash;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * One browser talking real HTTP to a running node: its own cookie jar, no automatic redirects, so
 * tests can see every answer. Several of these make concurrent people.
 */
public final class HttpJourney {

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private volatile String base;

	public HttpJourney(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** Points this browser at another node; the cookies go along (same host name). */
	public HttpJourney on(int port) {
		this.base = "http://127.0.0.1:" + port;
		return this;
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The CSRF token of the form on a page, as a browser would find it. */
	public String csrfFrom(String page) throws IOException, InterruptedException {
		HttpResponse<String> response = get(page);
		Element token = Jsoup.parse(response.body()).selectFirst("input[name=_csrf]");
		if (token == null) {
			throw new AssertionError("No form on " + page + " (status " + response.statusCode() + ")");
		}
		return token.attr("value");
	}

	public HttpResponse<String> post(String path, String csrf, String... nameValuePairs)
			throws IOException, InterruptedException {
		StringJoiner form = new StringJoiner("&");
		form.add("_csrf=" + encode(csrf));
		for (int i = 0; i < nameValuePairs.length; i += 2) {
			form.add(encode(nameValuePairs[i]) + "=" + encode(nameValuePairs[i + 1]));
		}
		return this.client.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> submit(String page, String action, String... nameValuePairs)
			throws IOException, InterruptedException {
		return post(action, csrfFrom(page), nameValuePairs);
	}

	public HttpResponse<String> signUp(String email) throws IOException, InterruptedException {
		return submit("/signup", "/signup", "email", email, "password", WebJourney.PASSWORD);
	}

	public HttpResponse<String> signIn(String email) throws IOException, InterruptedException {
		return submit("/login", "/login", "email", email, "password", WebJourney.PASSWORD);
	}

	/** Configure now, read the key off the page, confirm with a code, save the codes. */
	public WebJourney.Enrolled enableTwoFactor(MutableClock clock) throws IOException, InterruptedException {
		org.jsoup.nodes.Document setup = Jsoup.parse(get("/security/two-factor/setup").body());
		byte[] secret = io.zdash.support.Base32.decode(setup.getElementById("totp-secret").text());
		String csrf = setup.selectFirst("input[name=_csrf]").attr("value");
		post("/security/two-factor/setup", csrf, "code", code(secret, clock));
		org.jsoup.nodes.Document page = Jsoup.parse(get("/security/two-factor/setup/codes").body());
		java.util.List<String> recovery = page.select(".recovery-code").eachText();
		HttpResponse<String> confirmed = post("/security/two-factor/setup/confirm",
				page.selectFirst("input[name=_csrf]").attr("value"), "saved", "true");
		if (confirmed.statusCode() != 302 || recovery.size() != 10) {
			throw new AssertionError("Enrollment failed: " + confirmed.statusCode());
		}
		return new WebJourney.Enrolled(secret, recovery);
	}

	public static String code(byte[] secret, MutableClock clock) {
		io.zdash.twofactor.TotpGenerator totp = io.zdash.twofactor.TotpGenerator.AUTHENTICATOR_APPS;
		return totp.code(secret, totp.timeStep(clock.instant()));
	}

	public String sessionId() {
		return cookie("SESSION");
	}

	/** The value of a cookie this browser holds, or null. */
	public String cookie(String name) {
		return this.cookies.getCookieStore().getCookies().stream()
			.filter(c -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/** Replaces the session cookie, as an attacker replaying a stolen or planted id would. */
	public void useSessionId(String id) {
		this.cookies.getCookieStore().removeAll();
		HttpCookie cookie = new HttpCookie("SESSION", id);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.base), cookie);
	}

	/** Adds a cookie as the browser would send it (a planted or forged one, say). */
	public void addCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.base), cookie);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
