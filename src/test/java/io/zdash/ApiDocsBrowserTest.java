package io.zdash;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's Swagger UI in a real browser, served from our own origin under the same
 * Content-Security-Policy as every page (no inline script): it renders the description, and the
 * browser refuses nothing on the way.
 */
@ServerTest
class ApiDocsBrowserTest extends BrowserTest {

	@Test
	void whenASignedInPersonOpensTheApiPageThenSwaggerUiShowsEveryOperationUnderOurCsp() throws Exception {
		String email = WebJourney.uniqueEmail();
		this.browser.signUp(email, WebJourney.PASSWORD);
		this.browser.signIn(email, WebJourney.PASSWORD);
		this.browser.consoleErrors();
		this.browser.open("/swagger-ui/index.html");
		this.browser.await(By.cssSelector(".opblock-summary-path"));
		assertThat(this.browser.findAll(By.cssSelector(".opblock-summary-path")).stream().map(e -> e.getText()).toList())
			.contains("/api/v1/instances", "/api/v1/instances/{id}/token/rotate", "/api/v1/account/security-log");
		assertThat(this.browser.source()).contains("Z-API Dashboard API");
		assertThat(this.browser.consoleErrors()).isEmpty();
		this.browser.screenshot("api-docs.png");
	}

}
