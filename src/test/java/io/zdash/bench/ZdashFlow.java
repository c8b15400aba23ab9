package io.zdash.bench;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.zdash.WebJourney;

/**
 * A complete sign-in on this dashboard as a browser makes it: GET /login, POST the password and
 * follow its redirect (the code page), POST the code and follow its redirect (the dashboard); with
 * several nodes, each sign-in on the next one in turn.
 */
final class ZdashFlow implements Levels.Flow {

	static final String[] STEPS = { "get-login", "post-password", "get-code", "post-code", "get-dashboard" };

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final List<String> nodes;

	private final AtomicInteger next = new AtomicInteger();

	/** Each sign-in on the next node in turn (their sessions are in the shared database anyway). */
	ZdashFlow(int... ports) {
		this.nodes = Arrays.stream(ports).mapToObj(port -> "http://127.0.0.1:" + port).toList();
	}

	@Override
	public void signIn(Levels.Account account, String code, Levels.Timings timings) throws Exception {
		LeanBrowser browser = new LeanBrowser(this.nodes.get(Math.floorMod(this.next.getAndIncrement(), this.nodes.size())));
		long start = System.nanoTime();
		long t = start;
		HttpResponse<String> login = browser.get("/login");
		t = timings.record("get-login", t);
		HttpResponse<String> password = browser.post("/login", "_csrf", LeanBrowser.find(login, CSRF), "email",
				account.login(), "password", WebJourney.PASSWORD);
		t = timings.record("post-password", t);
		HttpResponse<String> codePage = browser.follow(password);
		t = timings.record("get-code", t);
		expect(codePage, "/login/totp");
		HttpResponse<String> accepted = browser.post("/login/totp", "_csrf", LeanBrowser.find(codePage, CSRF), "code",
				code);
		t = timings.record("post-code", t);
		HttpResponse<String> dashboard = browser.follow(accepted);
		t = timings.record("get-dashboard", t);
		expect(dashboard, "/");
		timings.record("flow", start);
	}

	private static void expect(HttpResponse<String> page, String path) {
		if (page.statusCode() != 200 || !page.uri().getPath().equals(path)) {
			throw new IllegalStateException(page.uri().getPath() + " answered " + page.statusCode() + ", not " + path);
		}
	}

}
