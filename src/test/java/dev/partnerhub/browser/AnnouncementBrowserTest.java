package dev.partnerhub.browser;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.groups.GroupSummary;
import dev.partnerhub.groups.domain.GroupService;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin writes an announcement to a group, previews it, sends it and sees each
 * recipient's status; the e-mails arrive (GreenMail), one per member, none to a partner
 * outside the group. Every page passes axe.
 */
class AnnouncementBrowserTest extends BrowserTestSupport {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	GroupService groups;

	@Test
	void adminSendsAnAnnouncementToAGroupAndSeesEachRecipient() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Announce " + suffix, "https://shop.example.com/", 1, "USD",
					Rate.percent("10"), null, 30, null, java.math.BigDecimal.ZERO, true, null, null, List.of()));
		ProgramSummary other = this.programs
			.createProgram(new ProgramDefinition("Elsewhere " + suffix, "https://shop.example.com/", 1, "USD",
					Rate.percent("10"), null, 30, null, java.math.BigDecimal.ZERO, true, null, null, List.of()));
		List<String> members = List.of("ada" + suffix, "ben" + suffix);
		for (String code : members) {
			long contactId = this.contacts.create(code + "@partners.example.com", code.substring(0, 3), "Member").id();
			this.partners
				.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null, null, null));
		}
		String outsider = "out" + suffix;
		long outsiderContact = this.contacts.create(outsider + "@partners.example.com", "Out", "Sider").id();
		this.partners
			.enroll(new Enrollment(outsiderContact, other.id(), outsider, PartnerStatus.APPROVED, null, null, null));
		GroupSummary group = this.groups.create("Launch group " + suffix, FilterJson.parse("""
				{"match": "all", "conditions": [{"field": "program", "op": "eq", "value": "Announce %s"}]}"""
			.formatted(suffix), "filter"));

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/broadcasts");
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Announcements").setExact(true)))
			.isVisible();
		assertAccessible();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New announcement").setExact(true))
			.click();
		this.page.getByLabel("Audience").selectOption("group:" + group.id());
		this.page.getByLabel("Subject").fill("Big news for {{firstName}}");
		this.page.getByLabel("Body (plain text)").fill("Hello {{firstName}}, your code is {{code}}.");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview").setExact(true)).click();
		assertThat(this.page.locator("#preview-subject")).hasText("Big news for ada");
		assertThat(this.page.locator("#preview-body")).containsText("your code is " + members.get(0));
		assertAccessible();
		screenshot("announcement-preview");

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send now").setExact(true)).click();
		assertThat(this.page.locator("#broadcast-status")).isVisible();
		for (String code : members) {
			await("e-mail to " + code).atMost(Duration.ofSeconds(60))
				.until(() -> Mailbox.to(greenMail, code + "@partners.example.com"), received -> !received.isEmpty());
		}
		await("status shows sent").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.page.reload();
			assertThat(this.page.locator("#recipients tbody tr[data-status=sent]")).hasCount(2);
		});
		assertThat(this.page.locator("#recipients")).containsText(members.get(1) + "@partners.example.com");
		assertThat(this.page.locator("#broadcast-counts")).containsText("2 sent");
		assertAccessible();
		screenshot("announcement-sent");

		for (String code : members) {
			assertThat(Mailbox.to(greenMail, code + "@partners.example.com")).hasSize(1);
			assertThat(Mailbox.subject(Mailbox.to(greenMail, code + "@partners.example.com").get(0)))
				.isEqualTo("Big news for " + code.substring(0, 3));
		}
		assertThat(Mailbox.to(greenMail, outsider + "@partners.example.com")).isEmpty();
	}

}
