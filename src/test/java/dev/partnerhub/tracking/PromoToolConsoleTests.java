package dev.partnerhub.tracking;

import java.util.Arrays;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.merge.MergeText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PromoToolConsoleTests {

	/** A 1×1 PNG. */
	static final byte[] PNG = java.util.Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	ProgramSummary program;

	@BeforeEach
	void setUp() {
		this.program = new Fixtures(this.programService, this.partnerService, this.contacts)
			.program("https://shop.example.com/", 30);
	}

	@Test
	void theConsoleIsForAdminsOnly() throws Exception {
		this.mvc.perform(get("/admin/promo-tools"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/admin/promo-tools").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/promo-tools").with(user("p@test.local").roles("PARTNER"))
				.with(csrf())
				.param("kind", "link")
				.param("programId", "" + this.program.id())
				.param("name", "x")
				.param("landingUrl", "https://a.example.com/"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/promo-tools").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Promo tools")))
			.andExpect(content().string(containsString("aria-current=\"page\"")));
	}

	@Test
	void formsNeedTheCsrfToken() throws Exception {
		String name = Fixtures.unique("Link ");
		this.mvc
			.perform(post("/admin/promo-tools").with(admin())
				.param("kind", "link")
				.param("programId", "" + this.program.id())
				.param("name", name)
				.param("landingUrl", "https://a.example.com/"))
			.andExpect(status().isForbidden());
		assertThat(count(name)).isZero();
	}

	@Test
	void createsListsEditsAndDeletesATrackedLink() throws Exception {
		String name = Fixtures.unique("Link ");
		this.mvc
			.perform(post("/admin/promo-tools").with(admin())
				.with(csrf())
				.param("kind", "link")
				.param("programId", "" + this.program.id())
				.param("name", name)
				.param("landingUrl", "https://shop.example.com/offer"))
			.andExpect(redirectedUrl("/admin/promo-tools?program=" + this.program.id()));
		long id = idOf(name);
		this.mvc.perform(get("/admin/promo-tools").param("program", "" + this.program.id()).with(admin()))
			.andExpect(content().string(containsString(name)));
		this.mvc.perform(get("/admin/promo-tools/{id}/edit", id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("https://shop.example.com/offer")));
		this.mvc
			.perform(post("/admin/promo-tools/{id}", id).with(admin())
				.with(csrf())
				.param("programId", "" + this.program.id())
				.param("name", name)
				.param("landingUrl", "https://shop.example.com/other"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select landing_url from promo_tool where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("https://shop.example.com/other");
		this.mvc.perform(post("/admin/promo-tools/{id}/delete", id).with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(count(name)).isZero();
		this.mvc.perform(get("/admin/promo-tools/{id}/edit", id).with(admin())).andExpect(status().isNotFound());
	}

	@Test
	void landingUrlsOtherThanHttpAreRefusedWithAFormError() throws Exception {
		for (String url : new String[] { "javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://a.example.com/",
				"/relative", "https://", "" }) {
			String name = Fixtures.unique("Bad ");
			this.mvc
				.perform(post("/admin/promo-tools").with(admin())
					.with(csrf())
					.param("kind", "link")
					.param("programId", "" + this.program.id())
					.param("name", name)
					.param("landingUrl", url))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("is-invalid")))
				.andExpect(content().string(containsString("Landing URL")));
			assertThat(count(name)).as(url).isZero();
		}
	}

	@Test
	void garbageInputNeverFails() throws Exception {
		this.mvc
			.perform(get("/admin/promo-tools").param("page", "abc")
				.param("sort", "password,desc")
				.param("program", "x")
				.with(admin()))
			.andExpect(status().isOk());
		this.mvc.perform(get("/admin/promo-tools/new").param("kind", "<script>").with(admin()))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/admin/promo-tools").with(admin())
				.with(csrf())
				.param("kind", "banner")
				.param("programId", "999999999")
				.param("name", "x")
				.param("width", "wide"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/promo/banners/abc")).andExpect(status().isNotFound());
		this.mvc.perform(get("/promo/banners/999999999")).andExpect(status().isNotFound());
	}

	@Test
	void bannersMustBeRealImagesOfAtMostOneMegabyte() throws Exception {
		String fake = Fixtures.unique("Fake ");
		banner(fake, new MockMultipartFile("image", "x.png", "image/png", "<svg onload=alert(1)>".getBytes()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("not a PNG, JPEG or GIF")));
		assertThat(count(fake)).isZero();

		String huge = Fixtures.unique("Huge ");
		byte[] big = Arrays.copyOf(PNG, 1024 * 1024 + 1);
		banner(huge, new MockMultipartFile("image", "big.png", "image/png", big))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("at most 1 MB")));
		assertThat(count(huge)).isZero();

		String missing = Fixtures.unique("None ");
		banner(missing, new MockMultipartFile("image", "", "application/octet-stream", new byte[0]))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Choose an image file")));
		assertThat(count(missing)).isZero();
	}

	@Test
	void aGoodBannerIsStoredAndServedWithItsTypeAndCacheHeaders() throws Exception {
		String name = Fixtures.unique("Banner ");
		// Declared as GIF: the bytes decide.
		banner(name, new MockMultipartFile("image", "b.gif", "image/gif", PNG)).andExpect(status().is3xxRedirection());
		long id = idOf(name);
		Map<String, Object> row = this.jdbc
			.sql("select image_content_type, width, height from promo_tool where id = :id")
			.param("id", id)
			.query()
			.singleRow();
		assertThat(row).containsEntry("image_content_type", "image/png")
			.containsEntry("width", 1)
			.containsEntry("height", 1);
		byte[] served = this.mvc.perform(get("/promo/banners/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().contentType("image/png"))
			.andExpect(header().string("Cache-Control", containsString("max-age=86400")))
			.andExpect(header().string("Cache-Control", containsString("public")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		// Stored and served: the re-encoded image (issue 14, item 13), a 1×1 PNG again.
		java.awt.image.BufferedImage image = BannerImagesTests.decode(served);
		assertThat(image.getWidth()).isEqualTo(1);
		assertThat(image.getRGB(0, 0)).isEqualTo(BannerImagesTests.decode(PNG).getRGB(0, 0));
		this.mvc.perform(get("/admin/promo-tools").param("program", "" + this.program.id()).with(admin()))
			.andExpect(content().string(containsString("alt=\"A banner\"")));
	}

	/**
	 * Issue 14, item 13: a GIF header followed by SVG/HTML used to be stored as a banner
	 * (only the magic number was checked); now it is a form error, and a real image with
	 * a page after it is stored re-encoded, without it.
	 */
	@Test
	void aGifHeaderFollowedBySvgIsAFormErrorAndARealImageIsStoredReencoded() throws Exception {
		String polyglot = Fixtures.unique("Polyglot ");
		byte[] gifSvg = ("GIF89a\u0001\u0000\u0001\u0000<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"
				+ "<script>alert(document.cookie)</script></svg>")
			.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		banner(polyglot, new MockMultipartFile("image", "banner.gif", "image/gif", gifSvg))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("The image could not be read")))
			.andExpect(content().string(not(containsString("Exception"))));
		assertThat(count(polyglot)).isZero();

		String name = Fixtures.unique("Trailing ");
		byte[] upload = BannerImagesTests.png(BannerImagesTests.picture(30, 12));
		byte[] withPage = Arrays.copyOf(upload, upload.length + 40);
		System.arraycopy("<html><script>alert(1)</script></html>".getBytes(), 0, withPage, upload.length, 38);
		banner(name, new MockMultipartFile("image", "banner.png", "image/png", withPage))
			.andExpect(status().is3xxRedirection());
		byte[] stored = this.jdbc.sql("select data from promo_banner_image where promo_tool_id = :id")
			.param("id", idOf(name))
			.query(byte[].class)
			.single();
		assertThat(stored).isNotEqualTo(withPage);
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("<script");
		assertThat(BannerImagesTests.decode(stored).getWidth()).isEqualTo(30);
	}

	@Test
	void lightboxHtmlIsStoredAsTextAndShownEscaped() throws Exception {
		String name = Fixtures.unique("Lightbox ");
		this.mvc
			.perform(post("/admin/promo-tools").with(admin())
				.with(csrf())
				.param("kind", "lightbox")
				.param("programId", "" + this.program.id())
				.param("name", name)
				.param("lightboxHtml", "<script>alert('x')</script><div>Join {{referralLink}}</div>"))
			.andExpect(status().is3xxRedirection());
		long id = idOf(name);
		this.mvc.perform(get("/admin/promo-tools/{id}/edit", id).with(admin()))
			.andExpect(content().string(containsString("&lt;script&gt;alert(")))
			.andExpect(content().string(not(containsString("<script>alert("))));
		this.mvc.perform(get("/admin/promo-tools").param("program", "" + this.program.id()).with(admin()))
			.andExpect(content().string(not(containsString("<script>alert("))));
	}

	@Test
	void emailSwipesNeedSubjectAndBodyAndMergePartnerFields() throws Exception {
		String name = Fixtures.unique("Swipe ");
		this.mvc
			.perform(post("/admin/promo-tools").with(admin())
				.with(csrf())
				.param("kind", "email")
				.param("programId", "" + this.program.id())
				.param("name", name)
				.param("emailSubject", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Subject is required")));
		this.mvc
			.perform(post("/admin/promo-tools").with(admin())
				.with(csrf())
				.param("kind", "email")
				.param("programId", "" + this.program.id())
				.param("name", name)
				.param("emailSubject", "Hi")
				.param("emailBody", "Hi, I'm {{firstName}}: {{referralLink}}"))
			.andExpect(status().is3xxRedirection());
		assertThat(count(name)).isOne();
		assertThat(MergeText.render("Hi, I'm {{firstName}}: {{referralLink}} {{lastName}}",
				Map.of("firstName", "Ann", "referralLink", "https://app/r/ann"), false))
			.isEqualTo("Hi, I'm Ann: https://app/r/ann ");
	}

	/**
	 * Issue 20: an unknown field used to be saved and shown to partners as written
	 * ({@code {{partner.unknown}}}, {@code {link}}); now the form names it and what to
	 * write, and nothing is saved.
	 */
	@Test
	void unknownOrMalformedMergeFieldsAreFormErrors() throws Exception {
		String name = Fixtures.unique("Swipe ");
		Map<String, String> cases = new java.util.LinkedHashMap<>();
		cases.put("Hi {{partner.unknown}}", "Line 1: unknown merge field {{partner.unknown}}");
		cases.put("Join: {{partner.link}}", "unknown merge field {{partner.link}}: did you mean {{referralLink}}?");
		cases.put("Join: {{referalLink}}", "did you mean {{referralLink}}?");
		cases.put("Join: {link}", "&quot;{link}&quot; is not a merge field: write {{link}} (two braces on each side).");
		cases.put("Join: {{ referralLink }", "is not closed: write {{referralLink}}.");
		for (Map.Entry<String, String> c : cases.entrySet()) {
			this.mvc
				.perform(post("/admin/promo-tools").with(admin())
					.with(csrf())
					.param("kind", "email")
					.param("programId", "" + this.program.id())
					.param("name", name)
					.param("emailSubject", "Hi")
					.param("emailBody", c.getKey()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(c.getValue())));
		}
		this.mvc
			.perform(post("/admin/promo-tools").with(admin())
				.with(csrf())
				.param("kind", "lightbox")
				.param("programId", "" + this.program.id())
				.param("name", name)
				.param("lightboxHtml", "<div>{{partner.link}}</div>"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("did you mean {{referralLink}}?")));
		assertThat(count(name)).isZero();
		// the editor lists the fields beside the text box
		this.mvc.perform(get("/admin/promo-tools/new").param("kind", "email").with(admin()))
			.andExpect(content().string(containsString("data-merge-insert=\"{{referralLink}}\"")))
			.andExpect(content().string(containsString("The partner&#39;s tracked link for this promo tool")));
	}

	private org.springframework.test.web.servlet.ResultActions banner(String name, MockMultipartFile image)
			throws Exception {
		return this.mvc.perform(multipart("/admin/promo-tools").file(image)
			.with(admin())
			.with(csrf())
			.param("kind", "banner")
			.param("programId", "" + this.program.id())
			.param("name", name)
			.param("altText", "A banner")
			.param("landingUrl", "https://shop.example.com/banner"));
	}

	private long count(String name) {
		return this.jdbc.sql("select count(*) from promo_tool where name = :n")
			.param("n", name)
			.query(Long.class)
			.single();
	}

	private long idOf(String name) {
		return this.jdbc.sql("select id from promo_tool where name = :n").param("n", name).query(Long.class).single();
	}

	private static RequestPostProcessor admin() {
		return user("admin@test.local").roles("ADMIN");
	}

}
