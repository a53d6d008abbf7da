package dev.partnerhub.programs;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@IntegrationTest
class ProgramConsoleTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	dev.partnerhub.programs.PayoutOptions payoutOptions;

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A complete, valid form; {@code overrides} are name/value pairs that replace or add
	 * fields.
	 */
	static MockHttpServletRequestBuilder programForm(String url, String name, String... overrides) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("name", name);
		fields.put("landingUrl", "https://shop.example.com/launch");
		fields.put("tiers", "1");
		fields.put("currency", "USD");
		fields.put("firstTierRateType", "percent");
		fields.put("firstTierRateValue", "20");
		fields.put("secondTierRateType", "percent");
		fields.put("secondTierRateValue", "5");
		fields.put("cookieDays", "45");
		fields.put("approvalDelayDays", "");
		fields.put("minimumPayout", "25.00");
		fields.put("recurringCommissions", "true");
		fields.put("_recurringCommissions", "on");
		fields.put("recurringMonths", "");
		for (int i = 0; i < overrides.length; i += 2) {
			fields.put(overrides[i], overrides[i + 1]);
		}
		MockHttpServletRequestBuilder request = post(url).with(ADMIN).with(csrf());
		fields.forEach(request::param);
		return request;
	}

	@Test
	void newFormStartsFromGlobalDefaults() throws Exception {
		PartnerSettings settings = this.programs.settings();
		this.mvc.perform(get("/admin/programs/new").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(view().name("programs/form"))
			.andExpect(content().string(containsString("value=\"" + settings.defaultCookieDays() + "\"")))
			.andExpect(content().string(containsString("value=\"" + settings.defaultCurrency() + "\"")))
			.andExpect(content().string(containsString("<legend")));
	}

	@Test
	void createsTwoTierProgramWithProductOverridesAndNextLevel() throws Exception {
		ProductSummary course = this.programs.createProduct(unique("COURSE"), "Video course " + UUID.randomUUID(),
				new BigDecimal("199.00"), "USD");
		ProgramSummary gold = this.programs
			.createProgram(new dev.partnerhub.programs.domain.ProgramDefinition(unique("Gold"), "https://example.com",
					1, "USD", Rate.percent("30"), null, 30, null, BigDecimal.ZERO, true, null, null, null));
		int courseRow = this.programs.allProducts().stream().map(ProductSummary::id).toList().indexOf(course.id());
		String name = unique("Launch");

		this.mvc
			.perform(programForm("/admin/programs/new", name, "tiers", "2", "approvalDelayDays", "14",
					"recurringMonths", "12", "nextLevelProgramId", String.valueOf(gold.id()))
				.param("productRates[" + courseRow + "].productId", String.valueOf(course.id()))
				.param("productRates[" + courseRow + "].firstTierRateType", "flat")
				.param("productRates[" + courseRow + "].firstTierRateValue", "15")
				.param("productRates[" + courseRow + "].secondTierRateType", "percent")
				.param("productRates[" + courseRow + "].secondTierRateValue", ""))
			.andExpect(status().is3xxRedirection());

		ProgramSummary saved = this.programs.findProgramByName(name).orElseThrow();
		assertThat(saved.tiers()).isEqualTo(2);
		assertThat(saved.currency()).isEqualTo("USD");
		assertThat(saved.approvalDelayDays()).isEqualTo(14);
		assertThat(saved.recurringMonths()).isEqualTo(12);
		assertThat(saved.nextLevelProgramId()).isEqualTo(gold.id());
		assertThat(saved.productRates()).containsOnlyKeys(course.id());
		assertThat(saved.rateFor(course.id(), 1)).isEqualTo(new Rate(RateType.FLAT, new BigDecimal("15.0000")));
		assertThat(saved.productRates().get(course.id()).secondTierRate()).isNull();
		assertThat(saved.rateFor(course.id(), 2).value()).isEqualByComparingTo("5");

		this.mvc.perform(get("/admin/programs/" + saved.id()).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(course.name())))
			.andExpect(content().string(containsString("15.00 flat")))
			.andExpect(content().string(containsString("program default")))
			.andExpect(content().string(containsString("two-tier")))
			.andExpect(content().string(containsString(gold.name())))
			.andExpect(content().string(containsString("automatic after 14 days")));

		this.mvc.perform(get("/admin/programs").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)));

		// the edit form shows the saved override
		this.mvc.perform(get("/admin/programs/" + saved.id() + "/edit").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"15\"")));
	}

	@Test
	void editKeepsOrClearsOverridesAndRecurringOff() throws Exception {
		String name = unique("Editable");
		this.mvc.perform(programForm("/admin/programs/new", name)).andExpect(status().is3xxRedirection());
		ProgramSummary created = this.programs.findProgramByName(name).orElseThrow();

		this.mvc
			.perform(programForm("/admin/programs/" + created.id() + "/edit", name + "-renamed", "recurringCommissions",
					"false"))
			.andExpect(status().is3xxRedirection());

		ProgramSummary updated = this.programs.findProgram(created.id()).orElseThrow();
		assertThat(updated.name()).isEqualTo(name + "-renamed");
		assertThat(updated.recurringCommissions()).isFalse();
		assertThat(updated.approvalDelayDays()).isNull();
	}

	@Test
	void aProgramGetsAUniqueUrlSlugFromItsNameThatAnAdminMayChange() throws Exception {
		String id = UUID.randomUUID().toString().substring(0, 8);
		String name = "Widget Partners " + id;
		this.mvc.perform(programForm("/admin/programs/new", name)).andExpect(status().is3xxRedirection());
		ProgramSummary first = this.programs.findProgramByName(name).orElseThrow();
		assertThat(this.programs.slugOf(first.id())).contains("widget-partners-" + id);
		// another name that makes the same slug gets its own
		this.mvc.perform(programForm("/admin/programs/new", "Widget-Partners " + id.toUpperCase() + "!"))
			.andExpect(status().is3xxRedirection());
		ProgramSummary second = this.programs.findProgramByName("Widget-Partners " + id.toUpperCase() + "!")
			.orElseThrow();
		assertThat(this.programs.slugOf(second.id())).contains("widget-partners-" + id + "-" + second.id());
		assertThat(this.programs.findProgramBySlug("widget-partners-" + id)).map(ProgramSummary::id)
			.contains(first.id());

		// the edit form shows it; a rename keeps it; an admin may change it
		this.mvc.perform(get("/admin/programs/" + first.id() + "/edit").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"widget-partners-" + id + "\"")));
		this.mvc
			.perform(programForm("/admin/programs/" + first.id() + "/edit", name + " renamed", "slug", "widgets-" + id))
			.andExpect(status().is3xxRedirection());
		assertThat(this.programs.slugOf(first.id())).contains("widgets-" + id);
		this.mvc
			.perform(programForm("/admin/programs/" + first.id() + "/edit", name + " renamed", "slug", "Not a slug!"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("lower-case letters, digits and single hyphens")));
		this.mvc
			.perform(programForm("/admin/programs/" + first.id() + "/edit", name + " renamed", "slug",
					this.programs.slugOf(second.id()).orElseThrow()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Another program has the URL slug")));
		assertThat(this.programs.slugOf(first.id())).contains("widgets-" + id);
	}

	@Test
	void anAdminChoosesThePayoutMethodsAndTaxDetailsRuleOfAProgram() throws Exception {
		String name = unique("Methods");
		this.mvc.perform(programForm("/admin/programs/new", name)).andExpect(status().is3xxRedirection());
		ProgramSummary program = this.programs.findProgramByName(name).orElseThrow();
		assertThat(this.payoutOptions.payoutMethods(program.id())).containsExactly("paypal");
		assertThat(this.payoutOptions.requiresTaxDetails(program.id())).isFalse();

		this.mvc
			.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "payoutMethods", "other",
					"_payoutMethods", "on", "requireTaxDetails", "true", "_requireTaxDetails", "on")
				.param("payoutMethods", "bank"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.payoutOptions.payoutMethods(program.id())).containsExactly("bank", "other");
		assertThat(this.payoutOptions.requiresTaxDetails(program.id())).isTrue();
		this.mvc.perform(get("/admin/programs/" + program.id() + "/edit").with(ADMIN))
			.andExpect(content().string(containsString("Require tax details before payout")));

		// none, or a method that does not exist: a form message, nothing changed
		this.mvc.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "_payoutMethods", "on"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "payoutMethods"));
		this.mvc.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "payoutMethods", "bitcoin"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "payoutMethods"));
		assertThat(this.payoutOptions.payoutMethods(program.id())).containsExactly("bank", "other");
	}

	@Test
	void anAdminListsTheProgramsOtherSalesSitesAndBadLinesAreFormErrors() throws Exception {
		String name = unique("Sites");
		this.mvc.perform(programForm("/admin/programs/new", name)).andExpect(status().is3xxRedirection());
		ProgramSummary program = this.programs.findProgramByName(name).orElseThrow();
		assertThat(this.programs.salesSitesOf(program.id())).isEmpty();
		this.mvc
			.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "salesSites",
					"https://WWW.Example.com/\n\nhttp://checkout.example.net:8080\nhttps://www.example.com"))
			.andExpect(status().is3xxRedirection());
		// stored as origins, lower case, once each
		assertThat(this.programs.salesSitesOf(program.id())).containsExactly("https://www.example.com",
				"http://checkout.example.net:8080");
		this.mvc.perform(get("/admin/programs/" + program.id()).with(ADMIN))
			.andExpect(content().string(containsString("https://www.example.com, http://checkout.example.net:8080")));
		this.mvc.perform(get("/admin/programs/" + program.id() + "/edit").with(ADMIN))
			.andExpect(content().string(containsString("https://www.example.com\nhttp://checkout.example.net:8080")));
		for (String bad : new String[] { "https://shop.example.com/thanks", "javascript:alert(1)",
				"https://user@shop.example.com", "shop.example.com", "https://shop.example.com/?a=1" }) {
			this.mvc
				.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "salesSites",
						"https://ok.example.com\n" + bad))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("program", "salesSites"))
				.andExpect(content().string(containsString("Line 2: ")));
		}
		assertThat(this.programs.salesSitesOf(program.id())).containsExactly("https://www.example.com",
				"http://checkout.example.net:8080");
		// an empty box removes them
		this.mvc.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "salesSites", ""))
			.andExpect(status().is3xxRedirection());
		assertThat(this.programs.salesSitesOf(program.id())).isEmpty();
	}

	@Test
	void theProgramPageShowsTheSignupUrlTheEmbedSnippetAndAPreview() throws Exception {
		String name = unique("Embed");
		this.mvc.perform(programForm("/admin/programs/new", name)).andExpect(status().is3xxRedirection());
		ProgramSummary program = this.programs.findProgramByName(name).orElseThrow();
		this.mvc
			.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "salesSites",
					"https://partners.example.org"))
			.andExpect(status().is3xxRedirection());
		String slug = this.programs.slugOf(program.id()).orElseThrow();
		String page = this.mvc.perform(get("/admin/programs/" + program.id()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(page);
		assertThat(html.getElementById("signup-url").attr("value"))
			.isEqualTo("http://localhost:8080/partners/signup/" + slug);
		// the snippet, as text to copy (escaped in the page)
		assertThat(html.getElementById("embed-snippet").text()).isEqualTo("<div data-partnerhub-signup=\"" + slug
				+ "\"></div>\n<script src=\"http://localhost:8080/embed/signup.js\" async></script>");
		assertThat(page).doesNotContain("<div data-partnerhub-signup=\"" + slug + "\"></div>");
		assertThat(html.select("[data-copy-target=#embed-snippet]")).hasSize(1);
		assertThat(html.getElementById("embed-sites").text())
			.isEqualTo("https://shop.example.com, https://partners.example.org");
		// the preview: the same script draws the form here, in preview mode (sends
		// nothing)
		assertThat(html.getElementById("embed-preview").attr("data-partnerhub-signup")).isEqualTo(slug);
		assertThat(html.getElementById("embed-preview").hasAttr("data-partnerhub-preview")).isTrue();
		assertThat(html.select("script[src=/embed/signup.js]")).hasSize(1);
		assertThat(html.getElementById("embed-preview-note").text()).contains("sends nothing");
	}

	@Test
	void javascriptLandingUrlIsRejectedBesideTheField() throws Exception {
		String name = unique("Xss");
		this.mvc.perform(programForm("/admin/programs/new", name, "landingUrl", "javascript:alert(1)"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "landingUrl"))
			.andExpect(content().string(containsString("http:// or https://")));
		assertThat(this.programs.findProgramByName(name)).isEmpty();
	}

	@Test
	void nonNumericValuesAreFormErrorsNotServerErrors() throws Exception {
		this.mvc
			.perform(programForm("/admin/programs/new", unique("Abc"), "firstTierRateValue", "abc", "cookieDays",
					"many"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "firstTierRateValue", "cookieDays"))
			.andExpect(content().string(containsString("Enter a number")))
			.andExpect(content().string(containsString("Enter a whole number.")));
	}

	@Test
	void badRateTypeAndPercentOverHundredAreFieldErrors() throws Exception {
		this.mvc.perform(programForm("/admin/programs/new", unique("Rates"), "firstTierRateType", "bogus"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "firstTierRateType"));
		this.mvc.perform(programForm("/admin/programs/new", unique("Rates"), "firstTierRateValue", "101"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "firstTierRateValue"))
			.andExpect(content().string(containsString("cannot exceed 100")));
	}

	@Test
	void twoTierNeedsASecondTierRate() throws Exception {
		this.mvc.perform(programForm("/admin/programs/new", unique("TwoTier"), "tiers", "2", "secondTierRateValue", ""))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "secondTierRateValue"));
	}

	@Test
	void duplicateNameIgnoringCaseIsAFieldError() throws Exception {
		String name = unique("Dup");
		this.mvc.perform(programForm("/admin/programs/new", name)).andExpect(status().is3xxRedirection());
		this.mvc.perform(programForm("/admin/programs/new", name.toUpperCase()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "name"))
			.andExpect(content().string(containsString("already exists")));
	}

	@Test
	void tamperedListIndexIsABadRequestPage() throws Exception {
		this.mvc
			.perform(programForm("/admin/programs/new", unique("Tamper")).param("productRates[999999].productId", "1"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void unknownProgramIsA404Page() throws Exception {
		this.mvc.perform(get("/admin/programs/987654321").with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(view().name("error/not-found"));
		this.mvc.perform(get("/admin/programs/987654321/edit").with(ADMIN)).andExpect(status().isNotFound());
		this.mvc.perform(programForm("/admin/programs/987654321/edit", unique("Ghost")))
			.andExpect(status().isNotFound());
	}

}
