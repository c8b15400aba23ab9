package io.zdash;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the real-browser journeys ({@link ServerTest}s): one fresh headless Chromium per test on
 * the server's random port, with the shared clock put back to now first (Spring Security stamps
 * factors with real time).
 */
public abstract class BrowserTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	protected Browser browser;

	@BeforeEach
	void startBrowser() throws Exception {
		this.clock.set(Instant.now());
		this.browser = new Browser(this.port);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

}
