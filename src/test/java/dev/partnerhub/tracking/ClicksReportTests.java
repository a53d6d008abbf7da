package dev.partnerhub.tracking;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickReport;
import dev.partnerhub.tracking.domain.PromoTool;
import dev.partnerhub.tracking.domain.PromoToolDraft;
import dev.partnerhub.tracking.domain.PromoToolKind;
import dev.partnerhub.tracking.domain.PromoToolService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The clicks report counts exactly the non-duplicate clicks of the chosen UTC days. Each
 * test uses programs of its own and days long past, so clicks of other tests in the
 * shared database never fall in.
 */
@IntegrationTest
class ClicksReportTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	static final String FROM = "2003-03-01";

	static final String TO = "2003-03-10";

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactApi contacts;

	@Autowired
	PromoToolService tools;

	@Autowired
	JdbcClient jdbc;

	Fixtures fixtures;

	ProgramSummary program;

	ProgramSummary otherProgram;

	PartnerSummary ann;

	PartnerSummary ben;

	PartnerSummary outsider;

	PromoTool banner;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.programService, this.partnerService, this.contacts);
		this.program = this.fixtures.program("https://shop.example.com/", 30);
		this.otherProgram = this.fixtures.program("https://other.example.com/", 30);
		this.ann = this.fixtures.partner(this.program, PartnerStatus.APPROVED);
		this.ben = this.fixtures.partner(this.program, PartnerStatus.APPROVED);
		this.outsider = this.fixtures.partner(this.otherProgram, PartnerStatus.APPROVED);
		this.banner = this.tools.create(new PromoToolDraft(PromoToolKind.LINK, this.program.id(),
				Fixtures.unique("Banner "), "https://shop.example.com/b", null, null, null, null, null, null), null);

		// Ann: 3 clicks that count (first second and last second of the range), 1
		// duplicate, 2 just outside.
		click(this.ann, this.banner, "news", "2003-03-01T00:00:00Z", false);
		click(this.ann, this.banner, "news", "2003-03-05T12:00:00Z", false);
		click(this.ann, null, null, "2003-03-10T23:59:59Z", false);
		click(this.ann, this.banner, "news", "2003-03-05T12:00:05Z", true);
		click(this.ann, this.banner, "news", "2003-02-28T23:59:59Z", false);
		click(this.ann, this.banner, "news", "2003-03-11T00:00:00Z", false);
		// Ben: 1 click with another SubID, 1 duplicate.
		click(this.ben, null, "footer", "2003-03-02T08:00:00Z", false);
		click(this.ben, null, "footer", "2003-03-02T08:00:01Z", true);
		// Another program's partner, same days.
		click(this.outsider, null, "news", "2003-03-03T10:00:00Z", false);
	}

	@Test
	void groupsByPartnerCountClicksDuplicatesAndReferredContactsOfTheRange() throws Exception {
		ContactSummary inRange = this.contacts.create(Fixtures.unique("r") + "@test.local", "In", "Range");
		this.contacts.recordReferral(inRange.id(), this.ann.id(), Instant.parse("2003-03-04T00:00:00Z"));
		this.contacts.recordReferral(inRange.id(), this.ann.id(), Instant.parse("2003-03-06T00:00:00Z"));
		ContactSummary lastOnly = this.contacts.create(Fixtures.unique("r") + "@test.local", "Last", "Only");
		this.contacts.recordReferral(lastOnly.id(), this.ben.id(), Instant.parse("2002-01-01T00:00:00Z"));
		this.contacts.recordReferral(lastOnly.id(), this.ann.id(), Instant.parse("2003-03-10T10:00:00Z"));
		ContactSummary before = this.contacts.create(Fixtures.unique("r") + "@test.local", "Too", "Early");
		this.contacts.recordReferral(before.id(), this.ann.id(), Instant.parse("2003-02-28T00:00:00Z"));

		Page<ClickReport.Row> groups = groups(report("partner", this.program));
		assertThat(groups.getContent())
			.extracting(ClickReport.Row::label, ClickReport.Row::clicks, ClickReport.Row::duplicates,
					ClickReport.Row::referredContacts)
			.containsExactly(tuple(this.ann.code(), 3L, 1L, 2L), tuple(this.ben.code(), 1L, 1L, 0L));

		// Without the program filter the other program's partner is there too.
		assertThat(groups(report("partner", null)).getContent()).extracting(ClickReport.Row::label)
			.contains(this.ann.code(), this.ben.code(), this.outsider.code());
	}

	@Test
	void groupsByPromoToolAndBySubId() throws Exception {
		assertThat(groups(report("tool", this.program)).getContent())
			.extracting(ClickReport.Row::label, ClickReport.Row::clicks, ClickReport.Row::duplicates)
			.containsExactly(tuple(this.banner.getName(), 2L, 1L), tuple("No promo tool", 2L, 1L));
		assertThat(groups(report("sub", this.program)).getContent())
			.extracting(ClickReport.Row::label, ClickReport.Row::clicks, ClickReport.Row::duplicates)
			.containsExactly(tuple("news", 2L, 1L), tuple("footer", 1L, 1L), tuple("No SubID", 1L, 0L));
		assertThat(report("sub", this.program).getResponse().getContentAsString()).doesNotContain("Referred contacts");
	}

	@Test
	void sortsByLabelAndPagesTheGroups() throws Exception {
		for (int i = 0; i < 23; i++) {
			click(this.ben, null, String.format("s%02d", i), "2003-03-07T00:00:00Z", false);
		}
		MvcResult second = this.mvc
			.perform(get("/admin/clicks").param("from", FROM)
				.param("to", TO)
				.param("program", String.valueOf(this.program.id()))
				.param("group", "sub")
				.param("sort", "label,asc")
				.param("page", "1")
				.with(ADMIN))
			.andExpect(status().isOk())
			.andReturn();
		Page<ClickReport.Row> page = groups(second);
		// footer, news, No SubID, s00 … s22 = 26 groups: the second page holds the last
		// 6.
		assertThat(page.getTotalElements()).isEqualTo(26);
		assertThat(page.getContent()).extracting(ClickReport.Row::label)
			.containsExactly("s17", "s18", "s19", "s20", "s21", "s22");
	}

	@Test
	void chartHasOneBarPerDayAndTheNumbersAsATable() throws Exception {
		String html = report("partner", this.program).getResponse().getContentAsString();
		assertThat(count(html, "<rect class=\"bar\"")).isEqualTo(10);
		assertThat(html).contains("role=\"img\"")
			.contains("<title id=\"chart-title\">Clicks per day from 2003-03-01 to 2003-03-10</title>")
			.contains("4 clicks in total; most on 2003-03-01 (1).")
			.contains("<title>2003-03-05: 1 click</title>");
		assertThat(count(html, "<time datetime=\"2003-03-")).isEqualTo(10);

		String week = this.mvc
			.perform(get("/admin/clicks").param("from", "2003-03-04").param("to", "2003-03-10").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(count(week, "<rect class=\"bar\"")).isEqualTo(7);
	}

	@Test
	void exportsTheSameGroupsAsCsv() throws Exception {
		String csv = this.mvc
			.perform(get("/admin/clicks.csv").param("from", FROM)
				.param("to", TO)
				.param("program", String.valueOf(this.program.id()))
				.param("group", "partner")
				.with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv.split("\r\n")).containsExactly("Partner,Name,Clicks,Duplicates,Referred contacts,From,To",
				this.ann.code() + ",Pat Partner,3,1,0," + FROM + "," + TO,
				this.ben.code() + ",Pat Partner,1,1,0," + FROM + "," + TO);

		String bySub = this.mvc
			.perform(get("/admin/clicks.csv").param("from", FROM)
				.param("to", TO)
				.param("program", String.valueOf(this.program.id()))
				.param("group", "sub")
				.param("sort", "label,asc")
				.with(ADMIN))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(bySub.split("\r\n")).containsExactly("SubID,Clicks,Duplicates,From,To",
				"footer,1,1," + FROM + "," + TO, "news,2,1," + FROM + "," + TO, "No SubID,1,0," + FROM + "," + TO);
	}

	@Test
	void badParametersAreMessagesNotErrors() throws Exception {
		this.mvc.perform(get("/admin/clicks").param("from", "yesterday").param("to", "2003-13-45").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Enter the start date as YYYY-MM-DD.")))
			.andExpect(content().string(containsString("Enter the end date as YYYY-MM-DD.")));
		this.mvc.perform(get("/admin/clicks").param("from", TO).param("to", FROM).with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("The start date must not be after the end date.")));
		this.mvc.perform(get("/admin/clicks").param("from", "2001-01-01").param("to", "2003-01-01").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Choose at most 366 days.")));
		this.mvc.perform(get("/admin/clicks").param("program", "abc").param("group", "country").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("There is no such program.")))
			.andExpect(content().string(containsString("Group by partner, promo tool or SubID.")));
		this.mvc.perform(get("/admin/clicks").param("program", String.valueOf(Long.MAX_VALUE)).with(ADMIN))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(get("/admin/clicks").param("from", "99999-01-01")
				.param("sort", "drop table")
				.param("page", "-3")
				.with(ADMIN))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/admin/clicks.csv").param("from", "yesterday").with(ADMIN))
			.andExpect(status().isBadRequest());
		// Nonsense sort and page fall back to defaults.
		this.mvc.perform(get("/admin/clicks").param("sort", "id;drop").param("page", "x").with(ADMIN))
			.andExpect(status().isOk());
	}

	@Test
	void defaultsToTheLast30DaysAndIsForAdminsOnly() throws Exception {
		this.mvc.perform(get("/admin/clicks").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/admin/clicks\" aria-current=\"page\">Clicks")))
			.andExpect(content()
				.string(containsString("value=\"" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "\"")));
		RequestPostProcessor partner = user("p@test.local").roles("PARTNER");
		this.mvc.perform(get("/admin/clicks").with(partner)).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/clicks.csv").with(partner)).andExpect(status().isForbidden());
	}

	private MvcResult report(String group, ProgramSummary program) throws Exception {
		MockHttpServletRequestBuilder request = get("/admin/clicks").param("from", FROM)
			.param("to", TO)
			.param("group", group);
		if (program != null) {
			request.param("program", String.valueOf(program.id()));
		}
		return this.mvc.perform(request.with(ADMIN)).andExpect(status().isOk()).andReturn();
	}

	@SuppressWarnings("unchecked")
	private static Page<ClickReport.Row> groups(MvcResult result) {
		return (Page<ClickReport.Row>) result.getModelAndView().getModel().get("groups");
	}

	private static int count(String text, String part) {
		return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
	}

	private void click(PartnerSummary partner, PromoTool tool, String subId, String at, boolean duplicate) {
		this.jdbc.sql("""
				insert into click (token, partner_id, program_id, promo_tool_id, sub_id, clicked_at, duplicate,
				                   landing_url)
				values (:token, :partner, :program, :tool, :sub, :at, :duplicate, 'https://shop.example.com/')""")
			.param("token", UUID.randomUUID().toString())
			.param("partner", partner.id())
			.param("program", partner.programId())
			.param("tool", tool == null ? null : tool.getId())
			.param("sub", subId)
			.param("at", java.sql.Timestamp.from(Instant.parse(at)))
			.param("duplicate", duplicate)
			.update();
	}

}
