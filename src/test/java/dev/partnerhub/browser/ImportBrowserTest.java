package dev.partnerhub.browser;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.partnerhub.contacts.ContactApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The CSV import in a real browser: a multipart upload with its CSRF token through Spring
 * Session, the dry run page, starting the import and the htmx progress reaching 100 %.
 */
class ImportBrowserTest extends BrowserTestSupport {

	@Autowired
	ContactApi contacts;

	@Test
	void adminImportsContactsAfterADryRun() {
		String u = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String csv = "E-mail,First Name,Last Name\nimp1-" + u + "@example.com,Ida,One\nimp2-" + u
				+ "@example.com,Ivo,Two\nbroken-" + u + ",No,Mail\n";
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Import").setExact(true)))
			.isVisible();
		assertAccessible();
		this.page.getByLabel("The file holds").selectOption("contacts");
		this.page.getByLabel("CSV file (UTF-8, at most 2 MB)")
			.setInputFiles(new FilePayload("contacts.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload and check (dry run)")).click();

		assertThat(this.page.locator("#dry-run-summary")).containsText("2 would be created");
		assertThat(this.page.locator("#dry-run-summary")).containsText("1 with errors");
		assertAccessible();
		screenshot("import-01-dry-run");
		org.assertj.core.api.Assertions.assertThat(this.contacts.findByEmail("imp1-" + u + "@example.com")).isEmpty();

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import 2 contacts")).click();
		assertThat(this.page.locator("#import-progress")).hasAttribute("data-status", "done",
				new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
		assertThat(this.page.locator("#import-progress")).containsText("100%");
		assertThat(this.page.locator("#import-progress")).containsText("2 created");
		assertThat(this.page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Download the rows with errors (CSV)")))
			.isVisible();
		assertAccessible();
		screenshot("import-02-done");
		org.assertj.core.api.Assertions.assertThat(this.contacts.findByEmail("imp2-" + u + "@example.com")).isPresent();
	}

}
