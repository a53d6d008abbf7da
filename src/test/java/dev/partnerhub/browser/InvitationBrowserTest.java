package dev.partnerhub.browser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17's journey: an admin imports partners from a CSV file with "invite imported
 * partners", sees them "invited" in the partner list; an imported partner opens the
 * invitation link from the e-mail (delivered to GreenMail by the app's scheduled sender),
 * chooses a password and logs in to the partner center.
 */
class InvitationBrowserTest extends BrowserTestSupport {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	ProgramService programs;

	@Test
	void importedPartnersAreInvitedAndOneSetsHisPasswordAndLogsIn() {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String u = MailFixtures.unique("");
		String ivy = "ivy-" + u + "@browser.test";
		String jon = "jon-" + u + "@browser.test";
		String csv = "email,first_name,last_name,program\n" + ivy + ",Ivy,Imported," + program.name() + "\n" + jon
				+ ",Jon,Imported," + program.name() + "\n";

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/import");
		this.page.getByLabel("The file holds").selectOption("partners");
		this.page.getByLabel("CSV file (UTF-8, at most 2 MB)")
			.setInputFiles(new FilePayload("partners.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload and check (dry run)")).click();
		assertThat(this.page.locator("#dry-run-summary")).containsText("2 would be created");
		this.page.getByLabel("Invite imported partners").check();
		assertAccessible();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import 2 partners")).click();
		assertThat(this.page.locator("#import-progress")).hasAttribute("data-status", "done",
				new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
		assertThat(this.page.locator("#import-progress")).containsText("2 created");
		assertThat(this.page.locator("#import-progress")).containsText("2 invited");
		assertAccessible();
		screenshot("invitation-01-import-done");

		this.page.navigate("/admin/partners?program=" + program.id());
		Locator ivyRow = this.page.locator("#partners tbody tr").filter(new Locator.FilterOptions().setHasText(ivy));
		assertThat(ivyRow.locator(".partner-access")).hasText("invited");
		this.page.getByLabel("Access").selectOption("invited");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
		assertThat(this.page.locator("#partners tbody tr")).hasCount(2);
		assertAccessible();
		this.page.setViewportSize(390, 844);
		screenshot("invitation-02-list-phone");
		this.page.setViewportSize(1280, 800);
		logOut();

		MimeMessage invitation = awaitMail(ivy);
		String link = Mailbox.link(invitation, "/account/set-password");
		this.page.navigate(link.substring(link.indexOf("/account/")));
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Choose your password")))
			.isVisible();
		assertAccessible();
		this.page.getByLabel("New password").fill("ivys-password-1");
		this.page.getByLabel("Repeat the password").fill("ivys-password-1");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save password")).click();
		assertThat(this.page).hasURL(baseUrl() + "/login?passwordSet");

		logIn(ivy, "ivys-password-1");
		assertThat(this.page).hasURL(baseUrl() + "/partner");
		assertAccessible();
		screenshot("invitation-03-partner-center");
	}

	private static MimeMessage awaitMail(String to) {
		return await().alias("an e-mail to " + to)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> Mailbox.to(greenMail, to), received -> !received.isEmpty())
			.get(0);
	}

}
