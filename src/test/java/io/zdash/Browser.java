package io.zdash;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's, with its chromedriver: nothing is downloaded at test time) and
 * the few things a person does with it.
 */
public final class Browser implements AutoCloseable {

	private static final Path SCREENSHOTS = Path.of("target/screenshots");

	public static final String TIME_ZONE = "America/Sao_Paulo";

	private final ChromeDriver driver;

	private final int port;

	public Browser(int port) throws IOException {
		this.port = port;
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,2200", "--lang=en-US",
				"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		// The console's messages, for pages that must run under our CSP without a refusal.
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			// A person in São Paulo (UTC-3, no daylight saving): pages must show their time, not UTC.
			.withEnvironment(java.util.Map.of("TZ", TIME_ZONE))
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	/** The console's errors since the last call (a CSP refusal is one), each as its text. */
	public java.util.List<String> consoleErrors() {
		return this.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
			.filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(org.openqa.selenium.logging.LogEntry::getMessage)
			.toList();
	}

	public void open(String path) {
		this.driver.get("http://localhost:" + this.port + path);
	}

	public String path() {
		return URI.create(this.driver.getCurrentUrl()).getPath();
	}

	public String url() {
		return this.driver.getCurrentUrl();
	}

	public void type(String id, String value) {
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	/** Submits the form of the field that has the focus, as Enter would, and waits for the next page. */
	public void submit() {
		WebElement page = this.driver.findElement(By.tagName("html"));
		this.driver.switchTo().activeElement().submit();
		awaitNextPage(page);
	}

	/** Clicks something that does not leave the page (a checkbox, say). */
	public void click(By by) {
		this.driver.findElement(by).click();
	}

	/** Clicks a link or a button that loads another page, and waits for it. */
	public void clickAndWait(By by) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		this.driver.findElement(by).click();
		awaitNextPage(page);
	}

	/** Clicks a button whose form asks "are you sure?" first, answers yes, and waits for the next page. */
	public void clickAndConfirm(By by) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		click(by);
		this.driver.switchTo().alert().accept();
		awaitNextPage(page);
	}

	/** Reading the old page while the new one loads would test the wrong page. */
	private void awaitNextPage(WebElement previous) {
		new WebDriverWait(this.driver, Duration.ofSeconds(15)).until(d -> isGone(previous));
		new WebDriverWait(this.driver, Duration.ofSeconds(15))
			.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
	}

	/**
	 * Whether the element's page was replaced. Chromium answers a query about an element of the page
	 * being torn down either "stale" or, for a moment, "node does not belong to the document": both
	 * mean the old page is gone.
	 */
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException | NoSuchElementException gone) {
			return true;
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/** What the browser would say of the field's value if its form were sent now. */
	public String validationMessage(String id) {
		WebElement field = this.driver.findElement(By.id(id));
		this.driver.executeScript("arguments[0].form.checkValidity()", field);
		return String.valueOf(this.driver.executeScript("return arguments[0].validationMessage", field));
	}

	/** What has the keyboard focus. */
	public WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	public WebElement find(By by) {
		return this.driver.findElement(by);
	}

	public java.util.List<WebElement> findAll(By by) {
		return this.driver.findElements(by);
	}

	/** The driver itself, for what only it can do (a virtual authenticator, say). */
	public ChromeDriver driver() {
		return this.driver;
	}

	/** Waits, up to 15 seconds, until {@code by} is on the page and shown. */
	public WebElement await(By by) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(by));
	}

	/** Waits, up to 15 seconds, until the browser is at {@code path}. */
	public void awaitPath(String path) {
		new WebDriverWait(this.driver, Duration.ofSeconds(15)).until(d -> path.equals(path()));
		new WebDriverWait(this.driver, Duration.ofSeconds(15))
			.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
	}

	public String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	public String source() {
		return this.driver.getPageSource();
	}

	public void signIn(String email, String password) {
		open("/login");
		type("email", email);
		type("password", password);
		submit();
	}

	public void signUp(String email, String password) {
		open("/signup");
		type("email", email);
		type("password", password);
		submit();
	}

	/** Security → Configure now → the key typed → a code → "I have saved these codes"; returns the key. */
	public byte[] setUpTwoFactor(MutableClock clock) {
		open("/security");
		clickAndWait(By.id("configure-now"));
		byte[] key = io.zdash.support.Base32.decode(text("totp-secret").replace(" ", ""));
		type("code", HttpJourney.code(key, clock));
		submit();
		click(By.id("saved"));
		submit();
		return key;
	}

	public void signOut() {
		clickAndWait(By.cssSelector("form[action='/logout'] button"));
	}

	/** A picture of one element of the page (a card, say). */
	public void screenshotOf(By by, String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name), this.driver.findElement(by).getScreenshotAs(OutputType.BYTES));
	}

	public void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name), this.driver.getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * Reads the QR code the page shows, as an authenticator app would. The browser draws the very
	 * markup it shows into a picture four times its size, which ZXing then reads. Element screenshots
	 * were tried first and failed now and then on a loaded CI machine (a picture taken mid-layout or
	 * mid-scroll); drawing the markup is deterministic and still reads only what the browser renders.
	 * That the code is actually visible, and large enough for a camera, is checked on the side.
	 */
	public String scanQrCode(By by) throws Exception {
		// As a camera would: another picture when one does not read (seen once in CI, on a page just laid out).
		for (int attempt = 1;; attempt++) {
			try {
				return scanOnce(by);
			}
			catch (com.google.zxing.ReaderException | org.openqa.selenium.StaleElementReferenceException unreadable) {
				if (attempt == 5) {
					throw unreadable;
				}
				Thread.sleep(200);
			}
		}
	}

	private String scanOnce(By by) throws Exception {
		WebElement element = await(by);
		this.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
		assertVisibleAndLarge(element);
		String dataUrl = (String) this.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const svg = arguments[0].querySelector('svg');
				if (!svg) { done(null); return; }
				const image = new Image();
				image.onload = () => {
				  const canvas = document.createElement('canvas');
				  canvas.width = canvas.height = 960;
				  const context = canvas.getContext('2d');
				  context.imageSmoothingEnabled = false;
				  context.fillStyle = '#fff';
				  context.fillRect(0, 0, 960, 960);
				  context.drawImage(image, 0, 0, 960, 960);
				  done(canvas.toDataURL('image/png'));
				};
				image.onerror = () => done(null);
				image.src = 'data:image/svg+xml;charset=utf-8,'
				  + encodeURIComponent(new XMLSerializer().serializeToString(svg));
				""", element);
		if (dataUrl == null) {
			throw com.google.zxing.NotFoundException.getNotFoundInstance();
		}
		byte[] png = java.util.Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
		var source = new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png)));
		return new QRCodeReader()
			.decode(new BinaryBitmap(new HybridBinarizer(source)),
					java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))
			.getText();
	}

	/** A phone camera needs the code on screen, whole, and not tiny. */
	private void assertVisibleAndLarge(WebElement element) {
		if (!element.isDisplayed()) {
			throw new AssertionError("The QR code is not displayed");
		}
		@SuppressWarnings("unchecked")
		java.util.Map<String, Number> box = (java.util.Map<String, Number>) this.driver.executeScript("""
				const r = arguments[0].querySelector('svg').getBoundingClientRect();
				return { width: r.width, height: r.height, top: r.top, bottom: r.bottom,
				  viewport: window.innerHeight };""", element);
		if (box.get("width").doubleValue() < 160 || box.get("height").doubleValue() < 160) {
			throw new AssertionError("The QR code is too small for a camera: " + box);
		}
		if (box.get("top").doubleValue() < 0 || box.get("bottom").doubleValue() > box.get("viewport").doubleValue()) {
			throw new AssertionError("The QR code does not fit on the screen: " + box);
		}
	}

	/** The window's inner size, as a phone's or a laptop's screen. */
	public void resize(int width, int height) {
		this.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
		// The outer window has borders even headless: make the viewport itself the size asked for.
		Number innerWidth = (Number) this.driver.executeScript("return window.innerWidth");
		Number innerHeight = (Number) this.driver.executeScript("return window.innerHeight");
		this.driver.manage().window().setSize(new org.openqa.selenium.Dimension(2 * width - innerWidth.intValue(),
				2 * height - innerHeight.intValue()));
	}

	/**
	 * Whether the header's link to this page in its own language leads to a page (not a 405 after a
	 * POST, say): empty, or "link: status". Fetched, not followed, so the walk stays where it is;
	 * the link of the other language would also switch the remembered language, so it is not fetched
	 * (it differs only in {@code lang}).
	 */
	@SuppressWarnings("unchecked")
	public java.util.List<String> brokenLanguageLinks() {
		return (java.util.List<String>) this.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const links = [...document.querySelectorAll('.lang a[href]')]
				  .filter(a => a.getAttribute('hreflang') === document.documentElement.lang);
				Promise.all(links.map(a => fetch(a.href, { credentials: 'same-origin', redirect: 'manual' })
				    .then(r => (r.type === 'opaqueredirect' || r.status < 400) ? null : a.getAttribute('href') + ': ' + r.status)))
				  .then(results => done(results.filter(x => x)))
				  .catch(e => done(['fetch failed: ' + e]));""");
	}

	/** How far the page is wider than the window, in CSS pixels: zero when nothing scrolls sideways. */
	public long overflow() {
		return ((Number) this.driver
			.executeScript("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")).longValue();
	}

	/** The elements sticking out to the right of the window, to say what overflows. */
	public String overflowing() {
		return String.valueOf(this.driver.executeScript("""
				const w = window.innerWidth; const out = [];
				for (const e of document.querySelectorAll('body *')) {
				  const r = e.getBoundingClientRect();
				  if (r.right > w + 1 && out.length < 5) out.push(e.tagName + (e.id ? '#' + e.id : '')
				      + (e.className ? '.' + e.className : '') + ' right=' + Math.round(r.right));
				}
				return out.join(', ');"""));
	}

	/**
	 * axe-core's WCAG 2.x A and AA rules (2.2 included, target size too) and its AAA ones (enhanced
	 * contrast among them) on the current page, from
	 * the axe.min.js of Deque's Maven artifact: each violation as "rule: targets".
	 */
	public java.util.List<String> accessibilityViolations() throws IOException {
		if (!Boolean.TRUE.equals(this.driver.executeScript("return typeof window.axe !== 'undefined'"))) {
			this.driver.executeScript(axeScript());
		}
		Object result = this.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'wcag2aaa'] } })
				  .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(' | '))))
				  .catch(e => done(['axe failed: ' + e]));""");
		@SuppressWarnings("unchecked")
		java.util.List<String> violations = (java.util.List<String>) result;
		return violations;
	}

	private static String axe;

	private static synchronized String axeScript() throws IOException {
		if (axe == null) {
			try (var in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
				if (in == null) {
					throw new IOException("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
				}
				axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
		}
		return axe;
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
