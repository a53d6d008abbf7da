package dev.partnerhub.partnercenter;

import java.util.List;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Partner;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.partnercenter.PartnerCenterFixtures.daysAgo;
import static dev.partnerhub.partnercenter.PartnerCenterFixtures.today;
import static dev.partnerhub.partnercenter.PartnerCenterFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Dynamic-list blocks page and sort per block ({@code b<id>p}, {@code b<id>s}), forgive
 * bad parameters, export his rows as CSV, run as many statements on page 3 sorted as on
 * page 1; the block form's visual condition builder compiles to the same filter as the
 * JSON. 10 % of 100.00: every sale earns 10.00.
 */
@IntegrationTest
class PartnerCenterListBlockTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClickRecorder recorder;

	PartnerCenterFixtures fixtures() {
		return new PartnerCenterFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc,
				this.recorder);
	}

	@Test
	void listsPageAndSortIndependentlyForgiveBadParametersAndShowOnlyHisRows() throws Exception {
		PartnerCenterFixtures fx = fixtures();
		Partner ann = fx.partner("Ann");
		Partner bob = fx.partner("Bob");
		// Ann: 7 sales, buyer "Ann<i>" i days ago (names sort the other way round than
		// dates: Ann7 is the oldest)
		for (int i = 1; i <= 7; i++) {
			fx.sale(ann, fx.product, "Ann" + i, daysAgo(i), false);
		}
		fx.sale(bob, fx.product, "Bob1", daysAgo(1), false);
		fx.sale(bob, fx.product, "Bob2", daysAgo(2), false);
		String slug = unique("lists-");
		long page = page(slug, fx.program.id());
		long commissions = addBlock(page,
				Map.of("type", "list", "source", "commissions_earned", "title", "Sales", "columns",
						"customer,amount,dateProcessed", "pageSize", "3", "sort", "dateProcessed", "direction",
						"desc"));
		long contacts = addBlock(page, Map.of("type", "list", "source", "referred_contacts_last", "title", "Buyers",
				"columns", "name", "pageSize", "2", "sort", "name", "direction", "asc"));
		String p = "b" + commissions + "p";
		String s = "b" + commissions + "s";

		Html first = view(slug, ann, Map.of());
		assertThat(customers(first, commissions)).containsExactly("Ann1 Buyer", "Ann2 Buyer", "Ann3 Buyer");
		assertThat(first.text("#block-" + commissions + " .pc-list-position")).isEqualTo("Page 1 of 3 (7 records)");
		assertThat(header(first, commissions, "dateProcessed").attr("aria-sort")).isEqualTo("descending");
		assertThat(header(first, commissions, "customer").attr("aria-sort")).isEqualTo("none");
		assertThat(first.document().select("#block-" + commissions + " .pc-list-next").attr("href")).contains(p + "=2");
		assertThat(first.has("#block-" + commissions + " .pc-list-previous[aria-disabled=true]")).isTrue();
		assertThat(customers(first, contacts)).containsExactly("Ann1 Buyer", "Ann2 Buyer");

		// page 2 of the first list; the second list stays on its page 1, and its own
		// parameter pages it alone
		Html second = view(slug, ann, Map.of(p, "2"));
		assertThat(customers(second, commissions)).containsExactly("Ann4 Buyer", "Ann5 Buyer", "Ann6 Buyer");
		assertThat(customers(second, contacts)).containsExactly("Ann1 Buyer", "Ann2 Buyer");
		String contactsNext = second.document().select("#block-" + contacts + " .pc-list-next").attr("href");
		assertThat(contactsNext).contains(p + "=2").contains("b" + contacts + "p=2");
		Html both = view(slug, ann, Map.of(p, "3", "b" + contacts + "p", "2"));
		assertThat(customers(both, commissions)).containsExactly("Ann7 Buyer");
		assertThat(both.text("#block-" + commissions + " .pc-list-position")).isEqualTo("Page 3 of 3 (7 records)");
		assertThat(customers(both, contacts)).containsExactly("Ann3 Buyer", "Ann4 Buyer");

		// sorting by a column header: ascending first, the header toggles, the page
		// starts again at 1
		Html byName = view(slug, ann, Map.of(s, "customer,desc"));
		assertThat(customers(byName, commissions)).containsExactly("Ann7 Buyer", "Ann6 Buyer", "Ann5 Buyer");
		assertThat(header(byName, commissions, "customer").attr("aria-sort")).isEqualTo("descending");
		assertThat(header(byName, commissions, "dateProcessed").attr("aria-sort")).isEqualTo("none");
		String toggle = header(byName, commissions, "customer").select("a").attr("href");
		assertThat(toggle).contains(s + "=customer,asc").doesNotContain(p + "=");
		assertThat(customers(view(slug, ann, Map.of(s, "dateProcessed,asc", p, "2")), commissions))
			.containsExactly("Ann4 Buyer", "Ann3 Buyer", "Ann2 Buyer");
		// a sortable column of the source that the block does not show is still allowed
		// (amount ties: by id)
		assertThat(customers(view(slug, ann, Map.of(s, "amount")), commissions)).hasSize(3);

		// forgiving: bad values fall back to the first page / the block's sort, past the
		// end = the last page
		for (Map<String, String> bad : List.of(Map.of(p, "abc"), Map.of(p, "-1"), Map.of(p, "0"),
				Map.of(s, "password,desc"), Map.of(s, "t.id; drop table pc_block"), Map.of(p, "1e3", s, ""),
				Map.of(p, "99999999999999999999"))) {
			assertThat(customers(view(slug, ann, bad), commissions)).as(bad.toString())
				.containsExactly("Ann1 Buyer", "Ann2 Buyer", "Ann3 Buyer");
		}
		assertThat(customers(view(slug, ann, Map.of(p, "999")), commissions)).containsExactly("Ann7 Buyer");
		assertThat(customers(view(slug, ann, Map.of(s, "customer,sideways")), commissions))
			.containsExactly("Ann1 Buyer", "Ann2 Buyer", "Ann3 Buyer");

		// Bob with Ann's parameters (and ids) sees only his own two rows, on one page
		Html bobs = view(slug, bob,
				Map.of(p, "2", s, "customer,asc", "partner", ann.code(), "partnerId", String.valueOf(ann.id())));
		assertThat(customers(bobs, commissions)).containsExactly("Bob1 Buyer", "Bob2 Buyer");
		assertThat(bobs.text("#block-" + commissions + " .pc-list-position")).isEqualTo("Page 1 of 1 (2 records)");
		assertThat(bobs.source()).doesNotContain("Ann1").doesNotContain("Ann7");

		// CSV: all his rows in the chosen order; another partner's export holds only his
		// own
		String csvUrl = first.document().select("#block-" + commissions + " .pc-list-csv").attr("href");
		assertThat(csvUrl)
			.isEqualTo("/partner/pages/" + slug + "/blocks/" + commissions + ".csv?" + s + "=dateProcessed,desc");
		String csv = csv("/partner/pages/" + slug + "/blocks/" + commissions + ".csv?" + s + "=customer,asc", ann);
		assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("Customer,Commission,Date processed");
		assertThat(csv.lines().skip(1).map(l -> l.substring(0, l.indexOf(',')))).containsExactly("Ann1 Buyer",
				"Ann2 Buyer", "Ann3 Buyer", "Ann4 Buyer", "Ann5 Buyer", "Ann6 Buyer", "Ann7 Buyer");
		assertThat(csv.lines().skip(1)).allMatch(l -> l.contains(",10.00,"));
		assertThat(csv("/partner/pages/" + slug + "/blocks/" + commissions + ".csv", bob)).doesNotContain("Ann")
			.contains("Bob1 Buyer")
			.contains("Bob2 Buyer");
		// not a list, not on this page, not a number, not visible: 404
		long text = addBlock(page, Map.of("type", "text", "html", "<p>Hi</p>"));
		this.mvc.perform(get("/partner/pages/" + slug + "/blocks/" + text + ".csv").with(as(ann)))
			.andExpect(status().isNotFound());
		String otherSlug = unique("other-");
		long other = page(otherSlug, fx.program.id());
		long otherList = addBlock(other, Map.of("type", "list", "source", "commissions_earned"));
		this.mvc.perform(get("/partner/pages/" + slug + "/blocks/" + otherList + ".csv").with(as(ann)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/partner/pages/" + slug + "/blocks/x1.csv").with(as(ann)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/partner/pages/" + unique("nope-") + "/blocks/" + commissions + ".csv").with(as(ann)))
			.andExpect(status().isNotFound());

		// the console preview pages and sorts too (links keep ?partner=), without a CSV
		// link
		Html preview = Html.of(
				this.mvc
					.perform(get("/admin/partner-center/" + page + "/preview").param("partner", ann.code())
						.param(p, "2")
						.with(ADMIN))
					.andExpect(status().isOk()));
		assertThat(customers(preview, commissions)).containsExactly("Ann4 Buyer", "Ann5 Buyer", "Ann6 Buyer");
		assertThat(preview.document().select("#block-" + commissions + " .pc-list-next").attr("href"))
			.contains("partner=" + ann.code())
			.contains(p + "=3");
		assertThat(preview.has("#block-" + commissions + " .pc-list-csv")).isFalse();
	}

	@Test
	void pagedAndSortedListsRunAsManyStatementsAsTheFirstPage() throws Exception {
		PartnerCenterFixtures fx = fixtures();
		Partner big = fx.partner("Big");
		Partner tiny = fx.partner("Tiny");
		for (int i = 0; i < 12; i++) {
			fx.sale(big, fx.product, "Big" + i, daysAgo(i), i == 0);
		}
		fx.sale(tiny, fx.product, "Tiny", daysAgo(1), true);
		String slug = unique("count-");
		long page = page(slug, fx.program.id());
		long a = addBlock(page,
				Map.of("type", "list", "source", "commissions_earned", "columns", "customer,amount", "pageSize", "5",
						"filter", "{\"match\":\"all\",\"conditions\":[{\"field\":\"dateProcessed\","
								+ "\"op\":\"within_last_days\",\"value\":\"60\"}]}"));
		long b = addBlock(page, Map.of("type", "list", "source", "referred_contacts_first", "pageSize", "5"));
		long c = addBlock(page, Map.of("type", "list", "source", "active_referred_open_orders", "pageSize", "5"));
		String base = "/partner/pages/" + slug;
		int tinyFirst = statements(base, tiny);
		int bigFirst = statements(base, big);
		int bigPaged = statements(base + "?b" + a + "p=3&b" + a + "s=customer,asc&b" + b + "p=2&b" + b + "s=name,desc&b"
				+ c + "s=total,asc", big);
		int bigBad = statements(base + "?b" + a + "p=x&b" + b + "p=999&b" + c + "s=nope", big);
		assertThat(List.of(bigFirst, bigPaged, bigBad)).containsOnly(tinyFirst);
		assertThat(tinyFirst).isBetween(1, 16);
		int csvTiny = statements(base + "/blocks/" + a + ".csv", tiny);
		int csvBig = statements(base + "/blocks/" + a + ".csv?b" + a + "s=amount,desc", big);
		assertThat(csvBig).isEqualTo(csvTiny).isBetween(1, 10);
	}

	// ---- default pages: "tables paginate and sort"

	@Test
	void defaultTablesPageSortAndSayTheirOrder() throws Exception {
		PartnerCenterFixtures fx = fixtures();
		Partner eve = fx.partner("Eve");
		fx.sale(eve, fx.product, "Zed", daysAgo(1), true);
		fx.sale(eve, fx.other, "Amy", daysAgo(2), false);
		fx.setStatus(fx.sale(eve, fx.product, "Kim", daysAgo(3), false).commissionId(), "paid", daysAgo(0));
		fx.setStatus(fx.sale(eve, fx.product, "Pat", daysAgo(9), false).commissionId(), "paid", daysAgo(1));
		Html pending = Html.of(this.mvc.perform(get("/partner/commissions").with(as(eve))).andExpect(status().isOk()));
		assertThat(pending.document().select("th[aria-sort=descending]").text()).contains("Transaction date");
		assertThat(pending.rows(".commission-table")).extracting(r -> r.get(2))
			.containsExactly("Zed Buyer", "Amy Buyer");
		Html second = Html.of(
				this.mvc
					.perform(get("/partner/commissions").param("size", "1")
						.param("page", "1")
						.param("sort", "date,asc")
						.with(as(eve)))
					.andExpect(status().isOk()));
		assertThat(second.rows(".commission-table")).extracting(r -> r.get(2)).containsExactly("Zed Buyer");
		assertThat(second.document().select("th[aria-sort=ascending]").text()).contains("Transaction date");
		assertThat(second.document().select("a[aria-label=Next page]").attr("href")).contains("page=2")
			.contains("sort=date,asc");
		Html history = Html.of(this.mvc.perform(get("/partner/commissions").param("tab", "history").with(as(eve))));
		assertThat(history.document().select("th[aria-sort=descending]").text()).contains("Date paid");
		assertThat(history.rows(".commission-table")).extracting(r -> r.get(2))
			.containsExactly("Kim Buyer", "Pat Buyer");
		Html historyAsc = Html.of(this.mvc
			.perform(get("/partner/commissions").param("tab", "history").param("sort", "date,asc").with(as(eve))));
		assertThat(historyAsc.rows(".commission-table")).extracting(r -> r.get(2))
			.containsExactly("Pat Buyer", "Kim Buyer");
		Html referrals = Html.of(this.mvc.perform(get("/partner/referrals").param("sort", "name,desc").with(as(eve))));
		assertThat(referrals.document().select("th[aria-sort=descending]").text()).contains("Name");
		assertThat(referrals.rows("table")).extracting(r -> r.get(0)).first().asString().startsWith("Zed");
		for (String url : List.of("/partner/commissions?tab=open", "/partner/referrals?by=first")) {
			Html html = Html.of(this.mvc.perform(get(url).with(as(eve))).andExpect(status().isOk()));
			assertThat(html.document().select("th[aria-sort] a[href*=sort=]")).as(url).isNotEmpty();
		}
	}

	// ---- the visual condition builder

	@Test
	void conditionBuilderRowsCompileToTheSameFilterAsTheJsonAndAreCheckedOnTheServer() throws Exception {
		PartnerCenterFixtures fx = fixtures();
		Partner ann = fx.partner("Ann");
		for (int i = 0; i < 6; i++) {
			fx.sale(ann, i % 2 == 0 ? fx.product : fx.other, "Cat" + i, daysAgo(i), false);
		}
		String start = today().minusDays(3).toString();
		String slug = unique("cond-");
		long page = page(slug, fx.program.id());

		// "Add condition" on the top group: the form comes back (200, nothing stored)
		// with a new row whose field
		// select offers the commissions catalog
		long before = blocks(page);
		Html added = Html.of(
				this.mvc
					.perform(blockForm(page,
							form("type", "list", "source", "commissions_earned", "rows[0].kind", "group",
									"rows[0].depth", "0", "rows[0].match", "all", "action", "addCondition:0")))
					.andExpect(status().isOk()));
		assertThat(blocks(page)).isEqualTo(before);
		assertThat(added.document().select("select[name=rows[1].field] option").eachAttr("value"))
			.contains("dateProcessed", "status", "product", "amount", "tier", "datePaid");
		assertThat(added.document().select("select[name=rows[1].op] option").eachAttr("value")).contains("on_or_after",
				"eq", "within_last_days");
		assertThat(added.document().select("input[name=rows[1].depth]").attr("value")).isEqualTo("1");
		// "Add group" adds an OR group with one condition inside
		Html grouped = Html.of(this.mvc.perform(blockForm(page,
				form("type", "list", "source", "commissions_earned", "rows[0].kind", "group", "rows[0].depth", "0",
						"rows[0].match", "all", "rows[1].kind", "condition", "rows[1].depth", "1", "rows[1].field",
						"dateProcessed", "rows[1].op", "on_or_after", "rows[1].value", start, "action", "addGroup:0")))
			.andExpect(status().isOk()));
		assertThat(grouped.document().select("input[name=rows[2].kind]").attr("value")).isEqualTo("group");
		assertThat(grouped.document().select("input[name=rows[3].depth]").attr("value")).isEqualTo("2");
		assertThat(grouped.document().select("input[name=rows[1].value]").attr("value")).isEqualTo(start);
		// another source: "Update choices" offers its fields
		Html refreshed = Html.of(this.mvc
			.perform(blockForm(page, form("type", "list", "source", "referred_contacts_first", "action", "refresh")))
			.andExpect(status().isOk()));
		assertThat(refreshed.document().select("#block-source option[selected]").attr("value"))
			.isEqualTo("referred_contacts_first");
		assertThat(refreshed.document().select("#block-sort option").eachAttr("value")).contains("name", "dateAdded")
			.doesNotContain("amount");

		// saved from rows: date processed on or after the start AND (product = A OR
		// status = paid)
		String sku = fx.product.sku();
		Map<String, String> rows = Map.ofEntries(Map.entry("type", "list"), Map.entry("source", "commissions_earned"),
				Map.entry("title", "Since the start"), Map.entry("columns", "customer,sku"),
				Map.entry("sort", "dateProcessed"), Map.entry("direction", "desc"), Map.entry("pageSize", "10"),
				Map.entry("rows[0].kind", "group"), Map.entry("rows[0].depth", "0"), Map.entry("rows[0].match", "all"),
				Map.entry("rows[1].kind", "condition"), Map.entry("rows[1].depth", "1"),
				Map.entry("rows[1].field", "dateProcessed"), Map.entry("rows[1].op", "on_or_after"),
				Map.entry("rows[1].value", start), Map.entry("rows[2].kind", "group"), Map.entry("rows[2].depth", "1"),
				Map.entry("rows[2].match", "any"), Map.entry("rows[3].kind", "condition"),
				Map.entry("rows[3].depth", "2"), Map.entry("rows[3].field", "product"), Map.entry("rows[3].op", "eq"),
				Map.entry("rows[3].value", sku), Map.entry("rows[4].kind", "condition"),
				Map.entry("rows[4].depth", "2"), Map.entry("rows[4].field", "status"), Map.entry("rows[4].op", "eq"),
				Map.entry("rows[4].value", "paid"), Map.entry("action", "save"));
		long fromRows = addBlock(page, rows);
		long fromJson = addBlock(page,
				Map.of("type", "list", "source", "commissions_earned", "columns", "customer,sku", "filter", """
						{"match": "all", "conditions": [{"field": "dateProcessed", "op": "on_or_after", "value": "%s"},
						 {"match": "any", "conditions": [{"field": "product", "op": "eq", "value": "%s"},
						  {"field": "status", "op": "eq", "value": "paid"}]}]}""".formatted(start, sku)));
		assertThat(filterOf(fromRows)).isEqualTo(filterOf(fromJson)).contains("on_or_after").contains(start);
		// sales 0..3 days ago are on or after the start; of those, the product's are 0
		// and 2
		Html shown = view(slug, ann, Map.of());
		assertThat(customers(shown, fromRows)).containsExactly("Cat0 Buyer", "Cat2 Buyer");
		assertThat(customers(shown, fromJson)).containsExactly("Cat0 Buyer", "Cat2 Buyer");

		// server-side checks stay: an unknown field, an operator the field does not take,
		// a bad date
		Html unknown = Html
			.of(this.mvc
				.perform(blockForm(page,
						form("type", "list", "source", "commissions_earned", "rows[0].kind", "group", "rows[0].depth",
								"0", "rows[1].kind", "condition", "rows[1].depth", "1", "rows[1].field", "email",
								"rows[1].op", "eq", "rows[1].value", "x", "action", "save")))
				.andExpect(status().isBadRequest()));
		// said once, beside the row it concerns
		assertThat(unknown.text("#row-error-1")).contains("unknown field 'email'");
		assertThat(unknown.document().select("#block-errors")).isEmpty();
		assertThat(unknown.document().select("select[name=rows[1].field] option[selected]").attr("value"))
			.isEqualTo("email");
		Html badOp = Html
			.of(this.mvc
				.perform(blockForm(page,
						form("type", "list", "source", "commissions_earned", "rows[0].kind", "group", "rows[0].depth",
								"0", "rows[1].kind", "condition", "rows[1].depth", "1", "rows[1].field",
								"dateProcessed", "rows[1].op", "gt", "rows[1].value", "5")))
				.andExpect(status().isBadRequest()));
		assertThat(badOp.text("#row-error-1")).isNotBlank();
		Html badDate = Html
			.of(this.mvc
				.perform(blockForm(page,
						form("type", "list", "source", "commissions_earned", "rows[0].kind", "group", "rows[0].depth",
								"0", "rows[1].kind", "condition", "rows[1].depth", "1", "rows[1].field",
								"dateProcessed", "rows[1].op", "on_or_after", "rows[1].value", "soon")))
				.andExpect(status().isBadRequest()));
		assertThat(badDate.text("#row-error-1")).isNotBlank();
		Html forged = Html
			.of(this.mvc
				.perform(blockForm(page,
						form("type", "list", "source", "commissions_earned", "rows[0].kind", "group", "rows[1].kind",
								"condition", "rows[1].depth", "x", "rows[1].field", "status", "rows[1].op", "sideways",
								"rows[99999].kind", "group", "action", "remove:abc")))
				.andExpect(status().isBadRequest()));
		// said once: beside the row when the row is known, else above the form
		assertThat(forged.document().select("#block-errors, [id^=row-error-]").eachText())
			.filteredOn(text -> text.contains("unknown op"))
			.hasSize(1);
		assertThat(blocks(page)).isEqualTo(before + 2);
		// partners of the program take no conditions
		assertThat(Html.of(this.mvc
			.perform(blockForm(page,
					form("type", "list", "source", "program_partners", "rows[0].kind", "group", "rows[0].depth", "0",
							"rows[1].kind", "condition", "rows[1].depth", "1", "rows[1].field", "status", "rows[1].op",
							"eq", "rows[1].value", "paid")))
			.andExpect(status().isBadRequest())).text("#block-errors")).contains("take no conditions");
	}

	// ---- helpers

	private static Map<String, String> form(String... pairs) {
		Map<String, String> form = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.put(pairs[i], pairs[i + 1]);
		}
		return form;
	}

	private static RequestPostProcessor as(Partner partner) {
		return user(partner.email()).roles("PARTNER");
	}

	private Html view(String slug, Partner partner, Map<String, String> params) throws Exception {
		MockHttpServletRequestBuilder request = get("/partner/pages/" + slug).with(as(partner));
		params.forEach(request::param);
		return Html.of(this.mvc.perform(request).andExpect(status().isOk()));
	}

	/** The first cell of each row of a list block (the customer / name column). */
	private static List<String> customers(Html html, long block) {
		return html.document()
			.select("#block-" + block + " tbody tr")
			.stream()
			.map(tr -> tr.select("td").first().text())
			.toList();
	}

	private static Element header(Html html, long block, String column) {
		return html.document().select("#block-" + block + " th[data-column=" + column + "]").first();
	}

	private String csv(String url, Partner partner) throws Exception {
		return this.mvc.perform(get(url).with(as(partner)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private long page(String slug, long programId) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/admin/partner-center").with(ADMIN)
				.with(csrf())
				.param("title", "Lists " + slug)
				.param("slug", slug)
				.param("mode", "programs")
				.param("programs", String.valueOf(programId))
				.param("published", "on"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		return Long.parseLong(result.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
	}

	private MockHttpServletRequestBuilder blockForm(long page, Map<String, String> form) {
		MockHttpServletRequestBuilder request = post("/admin/partner-center/" + page + "/blocks").with(ADMIN)
			.with(csrf());
		form.forEach(request::param);
		return request;
	}

	private long addBlock(long page, Map<String, String> form) throws Exception {
		this.mvc.perform(blockForm(page, form)).andExpect(status().is3xxRedirection());
		return this.jdbc.sql("select max(id) from pc_block where page_id = :p")
			.param("p", page)
			.query(Long.class)
			.single();
	}

	private long blocks(long page) {
		return this.jdbc.sql("select count(*) from pc_block where page_id = :p")
			.param("p", page)
			.query(Long.class)
			.single();
	}

	private String filterOf(long block) {
		return this.jdbc.sql("select config ->> 'filter' from pc_block where id = :id")
			.param("id", block)
			.query(String.class)
			.single();
	}

	private int statements(String url, Partner partner) throws Exception {
		this.mvc.perform(get(url).with(as(partner))).andExpect(status().isOk());
		int fewest = Integer.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			fewest = Math.min(fewest,
					SqlStatements.count(() -> this.mvc.perform(get(url).with(as(partner))).andExpect(status().isOk())));
		}
		return fewest;
	}

}
