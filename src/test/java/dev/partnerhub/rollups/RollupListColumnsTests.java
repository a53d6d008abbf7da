package dev.partnerhub.rollups;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rollup fields as columns of the console's contact and partner lists (the
 * contacts.ContactListColumns extension point): shown, sorted and filtered in SQL (so
 * pages are exact), kept in paging links and exported as CSV. Hand-computed values: 10 %
 * of a 100.00 course = 10.00, of a 20.00 ebook = 2.00.
 */
@IntegrationTest
class RollupListColumnsTests {

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

	String token;

	PartnerSummary big;

	PartnerSummary tieFirst;

	PartnerSummary tieSecond;

	ContactSummary nonPartner;

	long sum;

	long count;

	String sumKey;

	String countKey;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
		this.token = unique("lc");
		ProgramSummary program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary ebook = this.fx.orders.product("20.00");
		ProductSummary course = this.fx.orders.product("100.00");
		this.big = partner(program, "a");
		this.tieFirst = partner(program, "b");
		this.tieSecond = partner(program, "c");
		this.nonPartner = this.contacts.create(this.token + "-d@contacts.example.com", "Nina", this.token + "d");
		Instant at = Instant.now().minus(Duration.ofDays(2));
		this.fx.order(unique("o-"), unique("buyer") + "@customers.example.com", this.big.code(), at, false,
				item(course.sku(), 1, "100.00"));
		this.fx.order(unique("o-"), unique("buyer") + "@customers.example.com", this.tieFirst.code(), at, false,
				item(ebook.sku(), 1, "20.00"));
		this.fx.order(unique("o-"), unique("buyer") + "@customers.example.com", this.tieSecond.code(), at, false,
				item(ebook.sku(), 1, "20.00"));
		this.sum = this.fx.rollup("""
				{"name": "Earned %s", "function": "sum", "relationship": "commissions_earned", "field": "amount"}"""
			.formatted(this.token));
		this.count = this.fx.rollup("""
				{"name": "Sales %s", "function": "count", "relationship": "commissions_earned"}"""
			.formatted(this.token));
		this.sumKey = "rollup:" + this.sum;
		this.countKey = "rollup:" + this.count;
		// lists read the stored values (at most about a second behind): settle them first
		this.engine.drain();
	}

	private PartnerSummary partner(ProgramSummary program, String letter) {
		String code = this.token + letter;
		long contactId = this.contacts.create(code + "@partners.example.com", "Pat", code).id();
		return this.partnerService.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null,
				code + "@paypal.example.com", null));
	}

	// --- contacts list

	@Test
	void contactListShowsChosenRollupColumnsWithTheirValues() throws Exception {
		String page = admin(get("/admin/contacts").param("q", this.token).param("cols", this.sumKey, this.countKey));
		assertThat(page).contains("Earned " + this.token, "Sales " + this.token);
		assertThat(cells(page, this.big.code() + "@")).containsSubsequence("10.00", "1");
		assertThat(cells(page, this.tieFirst.code() + "@")).containsSubsequence("2.00", "1");
		// a contact who is no partner: sums and counts of nothing are 0
		assertThat(cells(page, this.nonPartner.email())).containsSubsequence("0.00", "0");
		// the chooser offers every rollup field and keeps the chosen ones checked
		assertThat(page).containsPattern("value=\"" + this.sumKey + "\"[^>]*checked");
	}

	@Test
	void contactListSortsByARollupColumnInSqlWithTiesByNewestId() throws Exception {
		String desc = admin(get("/admin/contacts").param("q", this.token)
			.param("cols", this.sumKey)
			.param("sort", this.sumKey + ",desc"));
		assertOrder(desc, this.big.code() + "@", this.tieSecond.code() + "@", this.tieFirst.code() + "@",
				this.nonPartner.email());
		assertThat(desc).contains("aria-sort=\"descending\"");
		String asc = admin(get("/admin/contacts").param("q", this.token)
			.param("cols", this.sumKey)
			.param("sort", this.sumKey + ",asc"));
		assertOrder(asc, this.nonPartner.email(), this.tieFirst.code() + "@", this.tieSecond.code() + "@",
				this.big.code() + "@");

		// pages of 2 split the sorted list exactly and their links keep the column and
		// the sort
		String first = admin(get("/admin/contacts").param("q", this.token)
			.param("cols", this.sumKey)
			.param("sort", this.sumKey + ",desc")
			.param("size", "2"));
		assertThat(first).contains(this.big.code() + "@", this.tieSecond.code() + "@")
			.doesNotContain(this.tieFirst.code() + "@", this.nonPartner.email());
		String next = link(first, "page=1");
		assertThat(next).contains("cols=" + this.sumKey).contains("sort=" + this.sumKey + ",desc");
		String second = admin(get(next.replace("&amp;", "&")));
		assertThat(second).contains(this.tieFirst.code() + "@", this.nonPartner.email())
			.doesNotContain(this.big.code() + "@", this.tieSecond.code() + "@")
			.contains("Earned " + this.token);
	}

	@Test
	void contactListFiltersByAtLeastAndAtMost() throws Exception {
		String atLeast = admin(
				get("/admin/contacts").param("q", this.token).param("filterBy", this.sumKey).param("atLeast", "2"));
		assertThat(atLeast).contains(this.big.code() + "@", this.tieFirst.code() + "@", this.tieSecond.code() + "@")
			.doesNotContain(this.nonPartner.email());
		String between = admin(get("/admin/contacts").param("q", this.token)
			.param("filterBy", this.sumKey)
			.param("atLeast", "0.01")
			.param("atMost", "5")
			.param("cols", this.sumKey));
		assertThat(between).contains(this.tieFirst.code() + "@", this.tieSecond.code() + "@")
			.doesNotContain(this.big.code() + "@", this.nonPartner.email())
			.contains("Showing 1–2 of 2");
	}

	@Test
	void contactCsvHasTheChosenColumnsInListOrder() throws Exception {
		String csv = admin(get("/admin/contacts.csv").param("q", this.token)
			.param("cols", this.sumKey, this.countKey)
			.param("sort", this.sumKey + ",desc"));
		String[] lines = csv.split("\r\n");
		assertThat(lines[0]).endsWith(",Earned " + this.token + ",Sales " + this.token);
		assertThat(lines).hasSize(5);
		assertThat(lines[1]).contains(this.big.code() + "@").endsWith(",10.00,1");
		assertThat(lines[2]).contains(this.tieSecond.code() + "@").endsWith(",2.00,1");
		assertThat(lines[3]).contains(this.tieFirst.code() + "@").endsWith(",2.00,1");
		assertThat(lines[4]).contains(this.nonPartner.email()).endsWith(",0.00,0");
	}

	@Test
	void contactListIgnoresUnknownColumnsSortsAndBadNumbers() throws Exception {
		for (String[] params : List.of(new String[] { "cols", "rollup:999999999999" },
				new String[] { "cols", "x'; drop table contact; --" }, new String[] { "sort", "rollup:abc,desc" },
				new String[] { "sort", this.sumKey + ",desc" }, // known, but not a chosen
																// column
				new String[] { "filterBy", "rollup:-1" }, new String[] { "atLeast", "1e999999999" })) {
			String page = admin(get("/admin/contacts").param("q", this.token).param(params[0], params[1]));
			assertThat(page).contains(this.big.code() + "@", this.nonPartner.email());
		}
		String page = admin(
				get("/admin/contacts").param("q", this.token).param("filterBy", this.sumKey).param("atLeast", "lots"));
		assertThat(page).contains("is not a number", this.nonPartner.email());
		// parses as a number but would overflow the database's numeric type
		for (String huge : List.of("1e999999999", "1e-999999999", "123456789012345678901234")) {
			assertThat(admin(get("/admin/contacts").param("q", this.token)
				.param("filterBy", this.sumKey)
				.param("atLeast", huge))).contains("is out of range", this.nonPartner.email());
		}
		assertThat(admin(get("/admin/contacts.csv").param("q", this.token)
			.param("cols", "bogus")
			.param("sort", "rollup:1;drop,desc"))).contains(this.big.code() + "@");
	}

	// --- partners list

	@Test
	void partnerListShowsSortsAndFiltersByRollupColumns() throws Exception {
		String desc = admin(get("/admin/partners").param("q", this.token)
			.param("cols", this.sumKey, this.countKey)
			.param("sort", this.sumKey + ",desc"));
		assertThat(desc).contains("Earned " + this.token, "Sales " + this.token)
			.doesNotContain(this.nonPartner.email());
		assertOrder(desc, this.big.code() + "@", this.tieSecond.code() + "@", this.tieFirst.code() + "@");
		assertThat(cells(desc, this.big.code() + "@")).containsSubsequence("10.00", "1");
		String asc = admin(get("/admin/partners").param("q", this.token)
			.param("cols", this.sumKey)
			.param("sort", this.sumKey + ",asc"));
		assertOrder(asc, this.tieFirst.code() + "@", this.tieSecond.code() + "@", this.big.code() + "@");

		String filtered = admin(get("/admin/partners").param("q", this.token)
			.param("cols", this.sumKey)
			.param("filterBy", this.sumKey)
			.param("atLeast", "5"));
		assertThat(filtered).contains(this.big.code() + "@")
			.doesNotContain(this.tieFirst.code() + "@", this.tieSecond.code() + "@");
		String atMost = admin(
				get("/admin/partners").param("q", this.token).param("filterBy", this.countKey).param("atMost", "0"));
		assertThat(atMost).contains("No partners match");

		String second = admin(get("/admin/partners").param("q", this.token)
			.param("cols", this.sumKey)
			.param("sort", this.sumKey + ",desc")
			.param("size", "1")
			.param("page", "1"));
		assertThat(second).contains(this.tieSecond.code() + "@")
			.doesNotContain(this.big.code() + "@", this.tieFirst.code() + "@");
		assertThat(link(second, "page=2")).contains("cols=" + this.sumKey);
	}

	@Test
	void partnerCsvHasTheChosenColumnsAndBadParametersAreIgnored() throws Exception {
		String csv = admin(get("/admin/partners.csv").param("q", this.token)
			.param("cols", this.sumKey)
			.param("sort", this.sumKey + ",desc"));
		String[] lines = csv.split("\r\n");
		assertThat(lines[0]).endsWith(",created_at,Earned " + this.token);
		assertThat(lines).hasSize(4);
		assertThat(lines[1]).startsWith(this.big.code() + ",").endsWith(",10.00");
		assertThat(lines[2]).startsWith(this.tieSecond.code() + ",").endsWith(",2.00");
		assertThat(lines[3]).startsWith(this.tieFirst.code() + ",").endsWith(",2.00");

		String page = admin(get("/admin/partners").param("q", this.token)
			.param("cols", "rollup:0", "nope")
			.param("sort", "rollup:999999999999,desc")
			.param("filterBy", "zzz")
			.param("atLeast", "many"));
		assertThat(page).contains(this.big.code() + "@", "is not a number");
	}

	private String admin(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static void assertOrder(String page, String... texts) {
		int previous = -1;
		for (String text : texts) {
			int at = page.indexOf(text);
			assertThat(at).as(text).isGreaterThan(previous);
			previous = at;
		}
	}

	/** The text of the table cells of the row containing {@code text}. */
	private static List<String> cells(String page, String text) {
		int at = page.indexOf(text);
		assertThat(at).as(text).isNotNegative();
		String row = page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
		Matcher cell = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(row);
		List<String> cells = new java.util.ArrayList<>();
		while (cell.find()) {
			cells.add(cell.group(1).strip());
		}
		return cells;
	}

	/** The href of the first link whose URL contains {@code part}. */
	private static String link(String page, String part) {
		Matcher href = Pattern.compile("href=\"([^\"]*" + Pattern.quote(part) + "[^\"]*)\"").matcher(page);
		assertThat(href.find()).as("a link with " + part).isTrue();
		return href.group(1);
	}

}
