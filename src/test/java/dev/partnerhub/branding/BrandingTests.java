package dev.partnerhub.branding;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.branding.domain.BrandColors;
import dev.partnerhub.branding.domain.BrandSettings;
import dev.partnerhub.branding.domain.BrandSettings.BrandUpdate;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.SignupTexts;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 18's branding: the console's brand settings (saved, refused with form messages),
 * and the brand on the login page, the partner center, the sign-up page, the hosted pages
 * and in e-mails. The brand is one row shared by every test: each test puts Partnerhub's
 * own look back afterwards.
 */
@IntegrationTest
class BrandingTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	static final String PASSWORD = "partner-password-1";

	@Autowired
	MockMvc mvc;

	@Autowired
	BrandSettings settings;

	@Autowired
	Branding branding;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	SignupTexts signupTexts;

	@Autowired
	MailApi mail;

	@Autowired
	MailTemplates templates;

	@Autowired
	MailDelivery delivery;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	GreenMail greenMail;

	@AfterEach
	void unbrand() {
		if (this.greenMail != null) {
			this.greenMail.stop();
		}
		this.settings.save(new BrandUpdate("", null, null, null, null, null, null, null, true, null, true));
	}

	// ---- saved and shown

	@Test
	void theBrandIsSavedAndShownOnTheLoginPagePartnerCenterAndSignUp() throws Exception {
		String company = unique("Acme ");
		byte[] logo = png(120, 40, Color.RED);
		this.mvc
			.perform(brandForm(company, "#1A5FB4").file(new MockMultipartFile("logo", "logo.png", "image/png", logo))
				.param("centerTitle", company + " partners")
				.param("centerFooter", "© " + company + " Inc.")
				.param("supportEmail", "help@acme.test")
				.param("termsText", "1. Be nice.\n2. No spam."))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/settings/brand"));

		Document form = html(this.mvc.perform(get("/admin/settings/brand").with(ADMIN)).andExpect(status().isOk()));
		assertThat(form.select("#companyName").val()).isEqualTo(company);
		assertThat(form.select("#primaryColor").val()).isEqualTo("#1a5fb4");
		assertThat(form.select("#current-logo")).isNotEmpty();

		// the logo is served as the PNG the server encoded (same pixels, new bytes)
		String logoPath = form.select("#current-logo").attr("src");
		assertThat(logoPath).startsWith("/brand/logo.png?v=");
		byte[] served = this.mvc.perform(get(logoPath))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/png"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served));
		assertThat(decoded.getWidth()).isEqualTo(120);
		assertThat(decoded.getHeight()).isEqualTo(40);
		assertThat(decoded.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFF0000);

		// login page: logo and name, colour stylesheet
		Document login = html(this.mvc.perform(get("/login")).andExpect(status().isOk()));
		assertThat(login.select("#brand-title").text()).isEqualTo(company);
		assertThat(login.select("#brand-logo").attr("src")).isEqualTo(logoPath);
		assertThat(login.title()).isEqualTo("Log in · " + company);
		String css = login.select("link[href^=/brand/brand.css]").attr("href");
		assertThat(this.mvc.perform(get(css)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.contains("--ph-primary: #1a5fb4", "--bs-primary-rgb: 26, 95, 180");

		// partner center: title, logo, footer, colour
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String email = partnerWithLogin(program);
		Document center = html(
				this.mvc.perform(get("/partner").with(user(email).roles("PARTNER"))).andExpect(status().isOk()));
		assertThat(center.select("#pc-title").text()).isEqualTo(company + " partners");
		assertThat(center.select("#pc-logo").attr("src")).isEqualTo(logoPath);
		assertThat(center.select("#brand-footer-text").text()).isEqualTo("© " + company + " Inc.");
		assertThat(center.select("#brand-support").attr("href")).isEqualTo("mailto:help@acme.test");
		assertThat(center.select("link[href^=/brand/brand.css]")).isNotEmpty();

		// sign-up and another hosted page: logo; the terms checkbox links to the terms
		// page
		String slug = this.programs.slugOf(program.id()).orElseThrow();
		Document signup = html(this.mvc.perform(get("/partners/signup/" + slug)).andExpect(status().isOk()));
		assertThat(signup.select("#brand-logo").attr("src")).isEqualTo(logoPath);
		assertThat(signup.select("#terms-link").attr("href")).isEqualTo("/terms");
		Document terms = html(this.mvc.perform(get("/terms")).andExpect(status().isOk()));
		assertThat(terms.select("#terms-text").text()).contains("1. Be nice.", "2. No spam.");
		Document reset = html(this.mvc.perform(get("/account/reset")).andExpect(status().isOk()));
		assertThat(reset.select("#brand-logo").attr("alt")).isEqualTo(company);
	}

	@Test
	void withoutABrandPagesLookAsBeforeAndTheTermsPageIsNotFound() throws Exception {
		Document login = html(this.mvc.perform(get("/login")).andExpect(status().isOk()));
		assertThat(login.select("#brand-title").text()).isEqualTo("Partnerhub");
		assertThat(login.select("#brand-logo")).isEmpty();
		this.mvc.perform(get("/terms")).andExpect(status().isNotFound());
		this.mvc.perform(get("/brand/logo.png")).andExpect(status().isNotFound());
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String slug = this.programs.slugOf(program.id()).orElseThrow();
		Document signup = html(this.mvc.perform(get("/partners/signup/" + slug)).andExpect(status().isOk()));
		assertThat(signup.select("#terms-link")).isEmpty();
		assertThat(signup.select("#signup-heading").text()).isEqualTo("Become a partner of " + program.name());
		// the default favicon is still there
		byte[] icon = this.mvc.perform(get("/favicon.ico"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(icon).startsWith(0, 0, 1, 0);
	}

	@Test
	void aTermsUrlIsWhereTheSignUpsTermsLinkGoesAndScriptUrlsAreRefused() throws Exception {
		this.mvc.perform(brandForm("Acme", "").param("termsUrl", "https://acme.test/partner-terms"))
			.andExpect(status().is3xxRedirection());
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String slug = this.programs.slugOf(program.id()).orElseThrow();
		Document signup = html(this.mvc.perform(get("/partners/signup/" + slug)).andExpect(status().isOk()));
		assertThat(signup.select("#terms-link").attr("href")).isEqualTo("https://acme.test/partner-terms");

		Document refused = html(this.mvc.perform(brandForm("Acme", "").param("termsUrl", "javascript:alert(1)"))
			.andExpect(status().isBadRequest()));
		assertThat(refused.select("#termsUrl-error").text()).contains("https://");
		assertThat(this.branding.current().termsUrl()).isEqualTo("https://acme.test/partner-terms");
	}

	@Test
	void theFaviconIsReEncodedAndServedAtFaviconIco() throws Exception {
		this.mvc
			.perform(brandForm("Acme", "")
				.file(new MockMultipartFile("favicon", "icon.png", "image/png", png(512, 512, Color.BLUE))))
			.andExpect(status().is3xxRedirection());
		byte[] icon = this.mvc.perform(get("/favicon.ico"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/x-icon"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(icon).startsWith(0, 0, 1, 0, 1, 0);
		// the ICO holds a PNG of 256 px a side (scaled down from 512)
		byte[] png = java.util.Arrays.copyOfRange(icon, 22, icon.length);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(decoded.getWidth()).isEqualTo(256);
		assertThat(decoded.getRGB(100, 100) & 0xFFFFFF).isEqualTo(0x0000FF);
	}

	// ---- refused with form messages

	@Test
	void badLogoBytesAPngBombAndALowContrastColourAreFormMessagesAndNothingIsSaved() throws Exception {
		long before = this.branding.current().version();

		Document notImage = html(this.mvc
			.perform(brandForm("Acme", "").file(new MockMultipartFile("logo", "logo.png", "image/png",
					"<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isBadRequest()));
		assertThat(notImage.select("#logo-error").text()).isEqualTo("The file is not a PNG, JPEG or GIF image.");

		byte[] broken = png(50, 50, Color.RED);
		broken = java.util.Arrays.copyOf(broken, 60); // the header, then nothing
		Document damaged = html(this.mvc
			.perform(brandForm("Acme", "").file(new MockMultipartFile("logo", "logo.png", "image/png", broken)))
			.andExpect(status().isBadRequest()));
		assertThat(damaged.select("#logo-error").text()).startsWith("The image could not be read");

		Document bomb = html(this.mvc
			.perform(brandForm("Acme", "")
				.file(new MockMultipartFile("logo", "bomb.png", "image/png", pngHeader(100_000, 100_000))))
			.andExpect(status().isBadRequest()));
		assertThat(bomb.select("#logo-error").text()).contains("100000 × 100000", "at most 2000 pixels");

		Document wide = html(this.mvc
			.perform(brandForm("Acme", "")
				.file(new MockMultipartFile("favicon", "icon.png", "image/png", pngHeader(5_000, 10))))
			.andExpect(status().isBadRequest()));
		assertThat(wide.select("#favicon-error").text()).contains("at most 1024 pixels");

		Document light = html(this.mvc.perform(brandForm("Acme", "#cccccc")).andExpect(status().isBadRequest()));
		assertThat(light.select("#primaryColor-error").text()).contains("#cccccc is too light", "1.60:1", "4.5:1");
		Document malformed = html(this.mvc.perform(brandForm("Acme", "red;}")).andExpect(status().isBadRequest()));
		assertThat(malformed.select("#primaryColor-error").text()).contains("hex code");

		Document email = html(this.mvc.perform(brandForm("Acme", "").param("supportEmail", "not-an-address"))
			.andExpect(status().isBadRequest()));
		assertThat(email.select("#supportEmail-error").text()).contains("valid support e-mail");

		assertThat(this.branding.current().version()).isEqualTo(before);
		assertThat(this.branding.current().named()).isFalse();
	}

	@Test
	void contrastIsTheWcagRatioAgainstWhite() {
		assertThat(BrandColors.contrastWithWhite("#000000")).isCloseTo(21.0, within(0.001));
		assertThat(BrandColors.contrastWithWhite("#ffffff")).isCloseTo(1.0, within(0.001));
		// the classic borderline greys: #767676 passes AA (4.54:1), #777777 does not
		// (4.48:1)
		assertThat(BrandColors.contrastWithWhite("#767676")).isCloseTo(4.54, within(0.01));
		assertThat(BrandColors.check("primaryColor", "#767676")).isEqualTo("#767676");
		assertThat(BrandColors.contrastWithWhite("#777777")).isCloseTo(4.48, within(0.01));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> BrandColors.check("primaryColor", "#777"))
			.hasMessageContaining("4.47:1");
		// Bootstrap's own blue is 4.50:1 and passes
		assertThat(BrandColors.check("primaryColor", "0D6EFD")).isEqualTo("#0d6efd");
	}

	@Test
	void onlyAdminsReachTheBrandSettings() throws Exception {
		this.mvc.perform(get("/admin/settings/brand")).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/admin/settings/brand").with(user("p@partners.test").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/settings/brand").with(user("p@partners.test").roles("PARTNER"))
				.with(csrf())
				.param("companyName", "Evil"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/settings/brand").with(ADMIN).param("companyName", "No token"))
			.andExpect(status().isForbidden());
		assertThat(this.branding.current().named()).isFalse();
	}

	// ---- per-program sign-up texts

	@Test
	void aProgramsSignUpHeadingAndIntroComeFromItsForm() throws Exception {
		String name = unique("Signup texts ");
		MvcResult created = this.mvc
			.perform(post("/admin/programs/new").with(ADMIN)
				.with(csrf())
				.param("name", name)
				.param("landingUrl", "https://shop.example.com")
				.param("tiers", "1")
				.param("currency", "USD")
				.param("firstTierRateType", "percent")
				.param("firstTierRateValue", "10")
				.param("secondTierRateType", "percent")
				.param("cookieDays", "30")
				.param("minimumPayout", "0")
				.param("payoutMethods", "paypal")
				.param("signupHeading", "Join the Acme crew")
				.param("signupIntro", "Earn 10 % on every course.\nPaid monthly."))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		long id = Long.parseLong(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
		String slug = this.programs.slugOf(id).orElseThrow();
		Document signup = html(this.mvc.perform(get("/partners/signup/" + slug)).andExpect(status().isOk()));
		assertThat(signup.select("#signup-heading").text()).isEqualTo("Join the Acme crew");
		assertThat(signup.select("#signup-intro").text()).isEqualTo("Earn 10 % on every course. Paid monthly.");

		Document edit = html(
				this.mvc.perform(get("/admin/programs/" + id + "/edit").with(ADMIN)).andExpect(status().isOk()));
		assertThat(edit.select("#signupHeading").val()).isEqualTo("Join the Acme crew");
		assertThat(edit.select("#signupIntro").text()).contains("Earn 10 % on every course.");

		// emptied: back to the default heading and no intro (the same API an embedded
		// form reads)
		this.signupTexts.setSignupText(id, " ", "");
		ProgramSummary program = this.programs.findProgram(id).orElseThrow();
		assertThat(this.signupTexts.signupText(program))
			.isEqualTo(new SignupTexts.SignupText("Become a partner of " + name, null, false));
		Document plain = html(this.mvc.perform(get("/partners/signup/" + slug)).andExpect(status().isOk()));
		assertThat(plain.select("#signup-heading").text()).isEqualTo("Become a partner of " + name);
		assertThat(plain.select("#signup-intro")).isEmpty();
	}

	// ---- e-mails

	@Test
	void theHtmlPartOfAnEmailHasTheLogoAndNameAndTheTextPartTheName() throws Exception {
		this.greenMail = new GreenMail(new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));
		this.greenMail.start();
		String company = unique("Acme Mail ");
		this.mvc
			.perform(brandForm(company, "#1a5fb4")
				.file(new MockMultipartFile("logo", "logo.png", "image/png", png(60, 20, Color.GREEN))))
			.andExpect(status().is3xxRedirection());
		long version = this.branding.current().version();
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary partner = MailFixtures.partner(this.contacts, this.partners, program, "Greta");
		String to = MailFixtures.email(this.contacts, partner);
		String key = unique("brand-");
		this.templates.create(key, "Brand test", "Hello {{firstName}}",
				"Hi {{firstName}} <b>&</b>, your link: https://shop.example.com/?a=1&b=2.");
		this.tx.execute(s -> this.mail.queue(MailRequest.of(key, to).forPartner(partner.id())));

		this.delivery.deliverDue(Instant.now());

		List<MimeMessage> received = Mailbox.to(this.greenMail, to);
		assertThat(received).hasSize(1);
		String text = Mailbox.body(received.get(0));
		assertThat(text).contains("Hi Greta <b>&</b>, your link: https://shop.example.com/?a=1&b=2.", company);
		String htmlPart = Mailbox.html(received.get(0));
		assertThat(htmlPart).isNotNull();
		Document html = Jsoup.parse(htmlPart);
		assertThat(html.select("img").attr("src")).isEqualTo("http://localhost:8080/brand/logo.png?v=" + version);
		assertThat(html.select("img").attr("alt")).isEqualTo(company);
		assertThat(html.text()).contains(company, "Hi Greta <b>&</b>, your link:");
		// the body is escaped text (no markup of its own), its address a link
		assertThat(html.select("b")).isEmpty();
		assertThat(html.select("a").attr("href")).isEqualTo("https://shop.example.com/?a=1&b=2");
	}

	// ---- helpers

	private MockMultipartHttpServletRequestBuilder brandForm(String company, String color) {
		MockMultipartHttpServletRequestBuilder form = multipart("/admin/settings/brand");
		form.with(ADMIN).with(csrf()).param("companyName", company).param("primaryColor", color);
		return form;
	}

	private String partnerWithLogin(ProgramSummary program) {
		String code = unique("br");
		String email = code + "@partners.example.com";
		long contactId = this.contacts.create(email, "Bea", "Brand").id();
		this.partners
			.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null, null, PASSWORD));
		return email;
	}

	private static Document html(org.springframework.test.web.servlet.ResultActions result) throws Exception {
		return Jsoup.parse(result.andReturn().getResponse().getContentAsString());
	}

	static byte[] png(int width, int height, Color color) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(color);
		g.fillRect(0, 0, width, height);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	/**
	 * A few hundred bytes that declare a huge canvas: the PNG signature, an IHDR of
	 * {@code width × height} and an IDAT of one compressed row of zeros (a decoder that
	 * trusted the header would allocate width × height × 4 bytes).
	 */
	static byte[] pngHeader(int width, int height) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6);
		ihdr.put((byte) 0).put((byte) 0).put((byte) 0);
		chunk(out, "IHDR", ihdr.array());
		java.util.zip.Deflater deflater = new java.util.zip.Deflater();
		deflater.setInput(new byte[1024]);
		deflater.finish();
		byte[] idat = new byte[2048];
		int length = deflater.deflate(idat);
		chunk(out, "IDAT", java.util.Arrays.copyOf(idat, length));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
		out.write(ByteBuffer.allocate(4).putInt(data.length).array());
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		out.write(name);
		out.write(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}
