package dev.partnerhub.rollups;

import java.time.Instant;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.domain.RollupEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console: list with filter summaries, the condition builder, form errors, delete,
 * contact card, partner values.
 */
@IntegrationTest
class RollupConsoleTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RollupEngine engine;

	RollupFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
	}

	@Test
	void createWithNestedGroupsThroughTheBuilderAndSeeTheSummary() throws Exception {
		String name = unique("Console pending ");
		// "Add group" on the top group adds an OR group with one empty condition.
		this.mvc
			.perform(post("/admin/rollups/new").with(ADMIN)
				.with(csrf())
				.param("name", name)
				.param("function", "sum")
				.param("relationship", "commissions_earned")
				.param("field", "amount")
				.param("rows[0].kind", "group")
				.param("rows[0].depth", "0")
				.param("rows[0].match", "all")
				.param("rows[1].kind", "condition")
				.param("rows[1].depth", "1")
				.param("rows[1].field", "status")
				.param("rows[1].op", "eq")
				.param("rows[1].value", "pending")
				.param("action", "addGroup:0"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("name=\"rows[2].kind\" value=\"group\""),
					containsString("name=\"rows[3].depth\" value=\"2\""))));
		this.mvc
			.perform(post("/admin/rollups/new").with(ADMIN)
				.with(csrf())
				.param("name", name)
				.param("function", "sum")
				.param("relationship", "commissions_earned")
				.param("field", "amount")
				.param("rows[0].kind", "group")
				.param("rows[0].depth", "0")
				.param("rows[0].match", "all")
				.param("rows[1].kind", "condition")
				.param("rows[1].depth", "1")
				.param("rows[1].field", "status")
				.param("rows[1].op", "eq")
				.param("rows[1].value", "pending")
				.param("rows[2].kind", "group")
				.param("rows[2].depth", "1")
				.param("rows[2].match", "any")
				.param("rows[3].kind", "condition")
				.param("rows[3].depth", "2")
				.param("rows[3].field", "product")
				.param("rows[3].op", "eq")
				.param("rows[3].value", "ebook")
				.param("rows[4].kind", "condition")
				.param("rows[4].depth", "2")
				.param("rows[4].field", "product")
				.param("rows[4].op", "eq")
				.param("rows[4].value", "course")
				.param("action", "save"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/rollups"));
		RollupField saved = this.jdbc.sql("select id from rollup_field where name = :n")
			.param("n", name)
			.query(Long.class)
			.optional()
			.flatMap(id -> this.rollupApi().findById(id))
			.orElseThrow();
		assertThat(saved.filterSummary())
			.isEqualTo("Status equal to pending AND (Product equal to ebook OR Product equal to course)");
		this.mvc.perform(get("/admin/rollups").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(name), containsString(
					"Status equal to pending AND (Product equal to ebook OR Product equal to course)"))));
		this.mvc.perform(get("/admin/rollups/" + saved.id() + "/edit").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"course\"")));
		this.mvc.perform(get("/admin/rollups/" + saved.id() + "/progress").with(ADMIN)).andExpect(status().isOk());

		// Remove the nested group (row 2 and its two conditions) and save the edit.
		this.mvc
			.perform(post("/admin/rollups/" + saved.id() + "/edit").with(ADMIN)
				.with(csrf())
				.param("name", name)
				.param("function", "count")
				.param("relationship", "commissions_earned")
				.param("rows[0].kind", "group")
				.param("rows[0].depth", "0")
				.param("rows[0].match", "all")
				.param("rows[1].kind", "condition")
				.param("rows[1].depth", "1")
				.param("rows[1].field", "status")
				.param("rows[1].op", "eq")
				.param("rows[1].value", "paid")
				.param("rows[2].kind", "group")
				.param("rows[2].depth", "1")
				.param("rows[2].match", "any")
				.param("rows[3].kind", "condition")
				.param("rows[3].depth", "2")
				.param("rows[3].field", "product")
				.param("rows[3].op", "eq")
				.param("rows[3].value", "ebook")
				.param("action", "remove:2"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("name=\"rows[2].kind\""))));
	}

	@Test
	void formErrorsAreShownBesideTheirRow() throws Exception {
		String name = unique("Console bad ");
		this.mvc
			.perform(post("/admin/rollups/new").with(ADMIN)
				.with(csrf())
				.param("name", name)
				.param("function", "sum")
				.param("relationship", "commissions_earned")
				.param("field", "amount")
				.param("rows[0].kind", "group")
				.param("rows[0].depth", "0")
				.param("rows[0].match", "all")
				.param("rows[1].kind", "condition")
				.param("rows[1].depth", "1")
				.param("rows[1].field", "dateProcessed")
				.param("rows[1].op", "on_or_after")
				.param("rows[1].value", "last tuesday")
				.param("action", "save"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"row-error-1\""),
					containsString("&#39;last tuesday&#39; is not a date"))));
		this.mvc
			.perform(post("/admin/rollups/new").with(ADMIN)
				.with(csrf())
				.param("name", name)
				.param("function", "avg")
				.param("relationship", "commissions_earned")
				.param("field", "")
				.param("rows[0].kind", "group")
				.param("rows[0].depth", "0")
				.param("action", "save"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("avg needs a field to roll up (amount)")));
		assertThat(this.rollupApi().findByName(name)).isEmpty();
		// Without the CSRF token nothing is saved.
		this.mvc
			.perform(post("/admin/rollups/new").with(ADMIN)
				.param("name", name)
				.param("function", "count")
				.param("relationship", "commissions_earned"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/rollups").with(user("p@x.test").roles("PARTNER")))
			.andExpect(status().isForbidden());
	}

	@Test
	void contactCardPartnerValuesSortFilterCsvAndDelete() throws Exception {
		ProgramSummary program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary product = this.fx.orders.product("100.00");
		PartnerSummary big = this.fx.partner(program, null);
		PartnerSummary small = this.fx.partner(program, null);
		this.fx.order(unique("o-"), unique("b") + "@customers.example.com", big.code(), Instant.now(), false,
				item(product.sku(), 3, "100.00"));
		this.fx.order(unique("o-"), unique("b") + "@customers.example.com", small.code(), Instant.now(), false,
				item(product.sku(), 1, "100.00"));
		String name = unique("Card pending ");
		long id = this.fx.rollup("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount"}"""
			.formatted(name));
		this.mvc.perform(get("/admin/rollups/contact/" + big.contactId()).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(name), containsString("30.00"))));
		this.mvc.perform(get("/admin/contacts/" + big.contactId()).with(ADMIN))
			.andExpect(content().string(containsString("hx-get=\"/admin/rollups/contact/" + big.contactId() + "\"")));

		this.mvc
			.perform(get("/admin/rollups/partners").with(ADMIN)
				.param("col", String.valueOf(id))
				.param("program", String.valueOf(program.id()))
				.param("sort", "r" + id + ",desc"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(big.code()), containsString(small.code()),
					containsString("30.00"), containsString("10.00"))));
		String page = this.mvc
			.perform(get("/admin/rollups/partners").with(ADMIN)
				.param("col", String.valueOf(id))
				.param("program", String.valueOf(program.id()))
				.param("sort", "r" + id + ",desc"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page.indexOf(big.code())).isLessThan(page.indexOf(small.code()));
		// hostile paging, and a key with the column prefix that names no chosen column:
		// the
		// defaults (the first column, highest first)
		String fallback = this.mvc
			.perform(get("/admin/rollups/partners").with(ADMIN)
				.param("col", String.valueOf(id))
				.param("program", String.valueOf(program.id()))
				.param("sort", "r" + (id + 1_000_000) + ",asc")
				.param("page", "-4")
				.param("size", "%Px"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(fallback.indexOf(big.code())).isLessThan(fallback.indexOf(small.code()));
		String byCode = this.mvc
			.perform(get("/admin/rollups/partners").with(ADMIN)
				.param("col", String.valueOf(id))
				.param("program", String.valueOf(program.id()))
				.param("sort", "code,desc"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(byCode.indexOf(big.code()) < byCode.indexOf(small.code()))
			.isEqualTo(big.code().compareTo(small.code()) > 0);
		this.mvc
			.perform(get("/admin/rollups/partners").with(ADMIN)
				.param("col", String.valueOf(id))
				.param("program", String.valueOf(program.id()))
				.param("minOf", String.valueOf(id))
				.param("min", "20"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(big.code()), not(containsString(small.code())))));
		this.mvc.perform(get("/admin/rollups/partners").with(ADMIN).param("col", "x").param("min", "lots"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is not a number")));
		this.mvc
			.perform(get("/admin/rollups/partners.csv").with(ADMIN)
				.param("col", String.valueOf(id))
				.param("program", String.valueOf(program.id()))
				.param("sort", "r" + id + ",desc"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString(name), containsString(big.code() + ","), containsString("30.00"))));

		this.mvc.perform(post("/admin/rollups/" + id + "/delete").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.rollupApi().findById(id)).isEmpty();
	}

	@Autowired
	RollupApi rollupApiBean;

	private RollupApi rollupApi() {
		return this.rollupApiBean;
	}

}
