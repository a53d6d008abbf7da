package dev.partnerhub.browser;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.partnerhub.branding.domain.BrandSettings;
import dev.partnerhub.branding.domain.BrandSettings.BrandUpdate;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's branding journey: an admin sets the brand in the console (a too light colour
 * first, refused with a message), and the login page and the partner center show it:
 * name, logo, title, footer and the primary colour on the buttons. axe-core on the
 * settings page and the branded partner center. The brand is put back afterwards (other
 * browser tests share the database).
 */
class BrandingBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	BrandSettings brand;

	String partnerEmail;

	@BeforeAll
	void makeData() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Brand program " + suffix, "https://shop.example.com/", 1, "USD",
					Rate.percent("20"), null, 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		this.partnerEmail = "brand" + suffix + "@partners.example.com";
		long contactId = this.contacts.create(this.partnerEmail, "Bea", "Brand").id();
		this.partners.enroll(new Enrollment(contactId, program.id(), "brand" + suffix, PartnerStatus.APPROVED, null,
				null, "bea-password-1"));
	}

	@AfterAll
	void unbrand() {
		this.brand.save(new BrandUpdate("", null, null, null, null, null, null, null, true, null, true));
	}

	@Test
	void anAdminSetsTheBrandAndTheLoginPageAndPartnerCenterShowIt() throws IOException {
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		assertThat(this.page).hasURL(baseUrl() + "/admin");
		this.page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Brand"))
			.first()
			.click();
		assertThat(this.page).hasURL(baseUrl() + "/admin/settings/brand");
		assertAccessible();

		this.page.getByLabel("Company name").fill("Northwind Traders");
		this.page.getByLabel("Primary colour").fill("#a0c4ff");
		this.page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save brand"))
			.click();
		assertThat(this.page.locator("#primaryColor-error")).containsText("too light");
		assertAccessible();

		this.page.getByLabel("Primary colour").fill("#6f2da8");
		this.page.getByLabel("Partner-center title").fill("Northwind partners");
		this.page.getByLabel("Partner-center footer").fill("© Northwind Traders, Seattle");
		this.page.getByLabel("Upload a logo")
			.setInputFiles(new FilePayload("logo.png", "image/png", png(160, 48, new Color(0x6f2da8))));
		this.page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save brand"))
			.click();
		assertThat(this.page.locator(".alert-success")).hasText("Brand settings saved.");
		assertThat(this.page.locator("#current-logo")).isVisible();
		assertAccessible();
		screenshot("brand-settings");
		logOut();

		// the login page
		assertThat(this.page.locator("#brand-title")).hasText("Northwind Traders");
		assertThat(this.page.locator("#brand-logo")).isVisible();
		assertThat(this.page).hasTitle("Log in · Northwind Traders");
		Locator login = this.page.getByRole(AriaRole.BUTTON,
				new com.microsoft.playwright.Page.GetByRoleOptions().setName("Log in"));
		assertThat(login).hasCSS("background-color", "rgb(111, 45, 168)");
		assertAccessible();

		// the partner center
		logIn(this.partnerEmail, "bea-password-1");
		assertThat(this.page).hasURL(baseUrl() + "/partner");
		assertThat(this.page.locator("#pc-title")).hasText("Northwind partners");
		assertThat(this.page.locator("#pc-logo")).isVisible();
		boolean loaded = (Boolean) this.page.evaluate("document.getElementById('pc-logo').naturalWidth === 160");
		assertThat(loaded).as("the logo image loads").isTrue();
		assertThat(this.page.locator("#brand-footer-text")).hasText("© Northwind Traders, Seattle");
		String primary = (String) this.page
			.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--ph-primary').trim()");
		assertThat(primary).isEqualTo("#6f2da8");
		assertAccessible();
		screenshot("brand-partner-center");
	}

	static byte[] png(int width, int height, Color color) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(color);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.WHITE);
		g.fillRect(10, 10, 30, 28);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
