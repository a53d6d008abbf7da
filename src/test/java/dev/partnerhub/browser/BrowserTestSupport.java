package dev.partnerhub.browser;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ReducedMotion;
import dev.partnerhub.TestDatabaseConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app on a real port and a real PostgreSQL, driven by the system Chromium through
 * Playwright. Playwright never downloads a browser here: it launches
 * {@code /usr/bin/chromium} (override with {@code CHROMIUM_PATH}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
@TestPropertySource(properties = { "partnerhub.database.embedded.data-dir=", "partnerhub.demo.enabled=false",
		// the outbox is delivered every second to GreenMail on this port while a mail
		// journey runs it
		"spring.mail.host=127.0.0.1", "spring.mail.port=${partnerhub.test.browser-smtp-port:3466}",
		"spring.mail.properties.mail.smtp.connectiontimeout=2000", "spring.mail.properties.mail.smtp.timeout=2000",
		"partnerhub.mail.delivery.interval=PT1S", "partnerhub.mail.delivery.initial-delay=PT1S",
		// the paying account of SEPA files (PayoutMethodsBrowserTest)
		"partnerhub.payouts.sepa.debtor-name=Partnerhub Browser GmbH",
		"partnerhub.payouts.sepa.debtor-iban=DE02120300000000202051" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

	static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	/**
	 * Reserved per build by build-helper-maven-plugin (pom.xml); 3466 when a test runs
	 * outside Maven.
	 */
	static final int SMTP_PORT = Integer.getInteger("partnerhub.test.browser-smtp-port", 3466);

	private static final java.util.regex.Pattern ADMIN_LINE = java.util.regex.Pattern
		.compile("Admin:\\s+(\\S+@\\S+) / (\\S+)");

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	dev.partnerhub.support.StartupBanner banner;

	Playwright playwright;

	Browser browser;

	BrowserContext context;

	Page page;

	@BeforeAll
	void launchBrowser() {
		this.playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
		this.browser = this.playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(Paths.get(chromium))
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
	}

	@BeforeEach
	void openContext() {
		// Reduced motion switches off Bootstrap's colour transitions, so axe never
		// samples a button half-way between
		// two states (a just-clicked outline button was once caught mid-fade and reported
		// as low contrast).
		this.context = this.browser
			.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl()).setReducedMotion(ReducedMotion.REDUCE));
		this.page = this.context.newPage();
		this.page.setDefaultTimeout(15_000);
	}

	@AfterEach
	void closeContext() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.playwright != null) {
			this.playwright.close();
		}
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	void screenshot(String name) {
		this.page
			.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
	}

	/** axe-core on the current page: no serious or critical accessibility violations. */
	void assertAccessible() {
		AxeResults results = new AxeBuilder(this.page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
			.analyze();
		List<String> severe = results.getViolations()
			.stream()
			.filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map(BrowserTestSupport::describe)
			.toList();
		assertThat(severe).as("serious/critical axe violations on " + this.page.url()).isEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().limit(3).map(node -> String.valueOf(node.getTarget())).toList();
	}

	/**
	 * The admin e-mail and password the app printed in its start-up banner (no bootstrap
	 * properties in browser tests).
	 */
	String[] printedAdmin() {
		String line = this.banner.lines()
			.stream()
			.filter(l -> l.startsWith("Admin:"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no admin line printed: " + this.banner.lines()));
		java.util.regex.Matcher matcher = ADMIN_LINE.matcher(line);
		assertThat(matcher.find()).as("printed admin line has e-mail / password: " + line).isTrue();
		return new String[] { matcher.group(1), matcher.group(2) };
	}

	void logOut() {
		this.page
			.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
			.click();
		com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(this.page)
			.hasURL(baseUrl() + "/login?logout");
	}

	void logIn(String email, String password) {
		this.page.navigate("/login");
		this.page.getByLabel("E-mail").fill(email);
		this.page.getByLabel("Password").fill(password);
		this.page
			.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
			.click();
	}

}
