package dev.partnerhub.browser;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recruit opens a partner's sign-up link, signs up, confirms his address with the link
 * from the e-mail (which the app's scheduled sender delivered to GreenMail), logs in and
 * lands in the partner center.
 */
class SignupBrowserTest extends BrowserTestSupport {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Test
	void signUpThroughAPartnersLinkVerifyAndLogIn() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 2);
		PartnerSummary referrer = MailFixtures.partner(this.contacts, this.partners, program, "Rita");
		String link = this.partners.signupLink(referrer.id()).orElseThrow();
		String email = MailFixtures.unique("recruit") + "@browser.test";

		this.page.navigate(link.substring(link.indexOf("/partners/")));
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Become a partner of " + program.name())))
			.isVisible();
		assertThat(this.page.locator("#referred-by")).containsText(referrer.code());
		assertAccessible();

		// a mistake first: the form says what is wrong, beside the field
		fill(email, "mismatch-password");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
		assertThat(this.page.getByText("The two passwords differ.")).isVisible();
		assertAccessible();
		this.page.setViewportSize(390, 844);
		screenshot("signup-phone");
		this.page.setViewportSize(1280, 800);

		fill(email, "recruit-password-1");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your e-mail")))
			.isVisible();
		assertAccessible();

		MimeMessage verification = awaitMail(email);
		String verify = Mailbox.link(verification, "/partners/verify");
		this.page.navigate(verify.substring(verify.indexOf("/partners/verify")));
		assertThat(this.page.locator("#login-verified")).isVisible();
		assertAccessible();

		logIn(email, "recruit-password-1");
		assertThat(this.page).hasURL(baseUrl() + "/partner");
		// A pending partner sees his status, not his links.
		assertThat(this.page.locator("#partner-status")).containsText("waiting for approval");
		assertAccessible();
		this.page.setViewportSize(390, 844);
		screenshot("signup-partner-center-phone");
		PartnerSummary recruit = this.partners.findByContactId(this.contacts.findByEmail(email).orElseThrow().id())
			.orElseThrow();
		assertThat(recruit.parentId()).isEqualTo(referrer.id());
	}

	private void fill(String email, String confirm) {
		this.page.getByLabel("First name", new Page.GetByLabelOptions().setExact(true)).fill("Remy");
		this.page.getByLabel("Last name", new Page.GetByLabelOptions().setExact(true)).fill("Recruit");
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
