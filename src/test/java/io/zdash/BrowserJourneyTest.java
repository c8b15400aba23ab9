package io.zdash;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.zdash.support.Base32;
import io.zdash.twofactor.TotpGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole story in a real browser (Debian's headless Chromium): sign up, set up 2FA by scanning
 * the QR code off the screen, sign in with a code, use a recovery code once, turn 2FA off. It also
 * takes the README's screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfig.class)
class BrowserJourneyTest {

	private static final Path SCREENSHOTS = Path.of("target/screenshots");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	WebDriver browser;

	Path profile;

	@BeforeEach
	void startBrowser() throws IOException {
		this.clock.set(Instant.now());
		this.profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1100", "--lang=en-US", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void whenPersonSetsUpTwoFactorThenEverySignInNeedsTheCode() throws Exception {
		String email = WebJourney.uniqueEmail();
		open("/signup");
		type("email", email);
		type("password", WebJourney.PASSWORD);
		submit();
		assertThat(this.browser.getCurrentUrl()).endsWith("/login?registered");
		signInWithPassword(email);
		assertThat(path()).isEqualTo("/");

		open("/security");
		assertThat(text("two-factor-status")).contains("off");
		this.browser.findElement(By.id("configure-now")).click();
		assertThat(path()).isEqualTo("/security/two-factor/setup");
		screenshot("enrollment.png");

		// Scan the QR code as a phone would, and check it carries the key printed beside it.
		String uri = scanQrCode(this.browser.findElement(By.id("totp-qr")));
		assertThat(uri).startsWith("otpauth://totp/Z-API:").contains("issuer=Z-API");
		String secret = queryParameter(uri, "secret");
		assertThat(secret).isEqualTo(text("totp-secret").replace(" ", ""));
		byte[] key = Base32.decode(secret);
		assertThat(key).hasSize(20);

		type("code", code(key));
		submit();
		List<String> recoveryCodes = this.browser.findElements(By.className("recovery-code"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(recoveryCodes).hasSize(10);
		assertThat(this.browser.findElement(By.id("download-codes")).getAttribute("href")).startsWith("data:text/plain");
		this.browser.findElement(By.id("saved")).click();
		submit();
		assertThat(path()).isEqualTo("/security");
		assertThat(text("two-factor-status")).contains("on since");
		screenshot("security.png");

		// Password alone: the code page, and the dashboard refuses to show.
		signOut();
		signInWithPassword(email);
		assertThat(path()).isEqualTo("/login/totp");
		assertThat(this.browser.getPageSource()).contains("Enter the 6-digit code from your authenticator app");
		screenshot("sign-in-code.png");
		open("/");
		assertThat(path()).isEqualTo("/login/totp");
		type("code", "000000".equals(code(key)) ? "111111" : "000000");
		submit();
		assertThat(this.browser.findElement(By.cssSelector(".error")).getText()).contains("not right");
		nextStep();
		type("code", code(key));
		submit();
		assertThat(path()).isEqualTo("/");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Instances");

		// A recovery code works once.
		signOut();
		signInWithPassword(email);
		this.browser.findElement(By.id("use-recovery")).click();
		type("code", recoveryCodes.get(0));
		submit();
		assertThat(path()).isEqualTo("/");
		assertThat(this.browser.findElement(By.cssSelector(".notice")).getText()).contains("9");
		signOut();
		signInWithPassword(email);
		open("/login/recovery");
		type("code", recoveryCodes.get(0));
		submit();
		assertThat(this.browser.findElement(By.cssSelector(".error")).getText()).contains("already used");

		// Turn 2FA off with the password and a code; then the password is enough again.
		nextStep();
		open("/login/totp");
		type("code", code(key));
		submit();
		open("/security");
		nextStep();
		type("disable-password", WebJourney.PASSWORD);
		type("disable-code", code(key));
		this.browser.findElement(By.cssSelector("#two-factor form[action$='/disable'] button")).click();
		assertThat(text("two-factor-status")).contains("off");
		signOut();
		signInWithPassword(email);
		assertThat(path()).isEqualTo("/");
	}

	@Test
	void whenInstancesManagedThenTokenIsMaskedUntilRevealed() throws Exception {
		String email = WebJourney.uniqueEmail();
		open("/signup");
		type("email", email);
		type("password", WebJourney.PASSWORD);
		submit();
		signInWithPassword(email);
		type("new-name", "Loja São Paulo");
		submit();
		WebElement token = this.browser.findElement(By.cssSelector(".token"));
		assertThat(token.getText()).startsWith("••••");
		this.browser.findElement(By.xpath("//button[text()='Reveal']")).click();
		assertThat(this.browser.findElement(By.cssSelector(".token")).getText()).matches("[0-9A-F]{48}");
		assertThat(this.browser.findElement(By.cssSelector("input[name=name][value]")).getAttribute("value"))
			.isEqualTo("Loja São Paulo");
		screenshot("dashboard.png");
	}

	private void signInWithPassword(String email) {
		open("/login");
		type("email", email);
		type("password", WebJourney.PASSWORD);
		submit();
	}

	private void signOut() {
		this.browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
	}

	private String code(byte[] key) {
		TotpGenerator totp = TotpGenerator.AUTHENTICATOR_APPS;
		return totp.code(key, totp.timeStep(this.clock.instant()));
	}

	private void nextStep() {
		this.clock.advance(java.time.Duration.ofSeconds(30));
	}

	private void open(String path) {
		this.browser.get("http://localhost:" + this.port + path);
	}

	private String path() {
		return java.net.URI.create(this.browser.getCurrentUrl()).getPath();
	}

	private void type(String id, String value) {
		WebElement field = this.browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	private void submit() {
		this.browser.switchTo().activeElement().submit();
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		byte[] png = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.BYTES);
		Files.write(SCREENSHOTS.resolve(name), png);
	}

	private static String scanQrCode(WebElement element) throws Exception {
		byte[] png = element.getScreenshotAs(OutputType.BYTES);
		var image = ImageIO.read(new ByteArrayInputStream(png));
		return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
			.getText();
	}

	private static String queryParameter(String uri, String name) {
		String query = uri.substring(uri.indexOf('?') + 1);
		for (String pair : query.split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts[0].equals(name)) {
				return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("No " + name + " in " + uri);
	}

}
