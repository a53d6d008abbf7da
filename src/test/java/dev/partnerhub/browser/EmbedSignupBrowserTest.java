package dev.partnerhub.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramAddresses;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sign-up form embedded in a company's page on another origin: a tiny JDK HTTP server
 * on 127.0.0.1 serves the page with the snippet, the app runs on localhost. The recruit
 * fills the form there, sees the success message, gets the verification e-mail; the same
 * page from a site that is not the program's gets no form. The admin sees the snippet and
 * its preview on the program page.
 */
class EmbedSignupBrowserTest extends BrowserTestSupport {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	ProgramService programs;

	@Autowired
	ProgramAddresses addresses;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	HttpServer shop;

	volatile String slug = "";

	@BeforeAll
	void startShop() throws IOException {
		this.shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.shop.createContext("/", exchange -> {
			byte[] page = """
					<!DOCTYPE html>
					<html lang="en">
					<head><meta charset="utf-8"><title>Widgets Inc. · Partners</title></head>
					<body>
					<main>
					  <h1>Earn with Widgets Inc.</h1>
					  <div data-partnerhub-signup="%s"></div>
					  <script src="%s/embed/signup.js" async></script>
					</main>
					</body>
					</html>
					""".formatted(this.slug, baseUrl()).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(page);
			}
		});
		this.shop.start();
	}

	@AfterAll
	void stopShop() {
		if (this.shop != null) {
			this.shop.stop(0);
		}
	}

	@Test
	void aRecruitSignsUpThroughTheFormOnTheCompanysOwnSite() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String shopOrigin = "http://127.0.0.1:" + this.shop.getAddress().getPort();
		this.addresses.changeSalesSites(program.id(), shopOrigin);
		this.slug = this.programs.slugOf(program.id()).orElseThrow();
		PartnerSummary referrer = MailFixtures.partner(this.contacts, this.partners, program, "Rosa");
		String email = MailFixtures.unique("embedded") + "@browser.test";

		// the company's page, on another origin than the app, with a partner's ?ref=
		this.page.navigate(shopOrigin + "/join-us?ref=" + referrer.code());
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Become a partner of " + program.name())))
			.isVisible();
		assertAccessible();

		// a mistake first: the message sits beside the field and is announced
		fill(email, "other-password-1");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
		Locator confirm = this.page.getByLabel("Repeat the password", new Page.GetByLabelOptions().setExact(true));
		assertThat(this.page.getByText("The two passwords differ.")).isVisible();
		assertThat(confirm).hasAttribute("aria-invalid", "true");
		assertThat(confirm).isFocused();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("Please correct the marked fields.");
		assertAccessible();

		fill(email, "recruit-password-1");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).containsText("Check your e-mail: we sent a link to " + email);
		assertThat(this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up"))).hasCount(0);
		assertAccessible();
		this.page.setViewportSize(390, 844);
		screenshot("embed-signup-done-phone");
		this.page.setViewportSize(1280, 800);
		// no cookie of the app was needed or set
		assertThat(this.context.cookies(baseUrl())).isEmpty();

		PartnerSummary recruit = this.partners.findByContactId(this.contacts.findByEmail(email).orElseThrow().id())
			.orElseThrow();
		assertThat(recruit.status()).isEqualTo(PartnerStatus.PENDING);
		assertThat(recruit.parentId()).isEqualTo(referrer.id());
		MimeMessage verification = awaitMail(email);
		String verify = Mailbox.link(verification, "/partners/verify");
		this.page.navigate(verify.substring(verify.indexOf("/partners/verify")));
		assertThat(this.page.locator("#login-verified")).isVisible();

		// the same page on a site that is not the program's: no form, a link to the
		// hosted
		// one
		String stranger = "http://localhost:" + this.shop.getAddress().getPort();
		this.page.navigate(stranger + "/join-us");
		assertThat(this.page.getByText("The partner sign-up form cannot be shown on this site.")).isVisible();
		assertThat(this.page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Sign up on our partner site instead.")))
			.hasAttribute("href", baseUrl() + "/partners/signup/" + this.slug);
		assertThat(this.page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true))).hasCount(0);

		// the admin's program page: URL, snippet and a preview drawn by the same script
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/programs/" + program.id());
		assertThat(this.page.locator("#embed-snippet")).hasValue("<div data-partnerhub-signup=\"" + this.slug
				+ "\"></div>\n<script src=\"http://localhost:8080/embed/signup.js\" async></script>");
		Locator preview = this.page.locator("#embed-preview");
		assertThat(preview.getByRole(AriaRole.HEADING,
				new Locator.GetByRoleOptions().setName("Become a partner of " + program.name())))
			.isVisible();
		preview.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign up")).click();
		assertThat(preview.getByRole(AriaRole.STATUS)).containsText("Preview: nothing was sent.");
		assertAccessible();
		screenshot("embed-signup-program-page");
	}

	private void fill(String email, String confirm) {
		this.page.getByLabel("First name", new Page.GetByLabelOptions().setExact(true)).fill("Emma");
		this.page.getByLabel("Last name", new Page.GetByLabelOptions().setExact(true)).fill("Bedded");
		this.page.getByLabel("E-mail", new Page.GetByLabelOptions().setExact(true)).fill(email);
		this.page.getByLabel("Password (at least 10 characters)", new Page.GetByLabelOptions().setExact(true))
			.fill("recruit-password-1");
		this.page.getByLabel("Repeat the password", new Page.GetByLabelOptions().setExact(true)).fill(confirm);
		this.page.getByLabel("I accept the partner terms", new Page.GetByLabelOptions().setExact(true)).check();
	}

	/** The app's scheduled sender delivers within a few seconds. */
	private static MimeMessage awaitMail(String to) {
		return await().alias("an e-mail to " + to)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> Mailbox.to(greenMail, to), received -> !received.isEmpty())
			.get(0);
	}

}
