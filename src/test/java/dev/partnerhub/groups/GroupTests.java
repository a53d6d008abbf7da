package dev.partnerhub.groups;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.RollupApi;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Groups through the real APIs: membership follows commissions, bad definitions, paging,
 * list filters, console.
 */
@IntegrationTest
class GroupTests {

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
	RollupApi rollups;

	@Autowired
	GroupApi groupApi;

	@Autowired
	dev.partnerhub.groups.domain.GroupService groupService;

	OrderFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new OrderFixtures(this.programs, this.partnerService, this.contacts, this.mvc);
	}

	private static RequestPostProcessor admin() {
		return user("admin@test.local").roles("ADMIN");
	}

	private List<Long> order(String orderId, PartnerSummary partner, ProductSummary product, int units)
			throws Exception {
		MvcResult result = this.fx
			.postOrder("""
					{"orderId": "%s", "email": "%s", "referral": "%s", "currency": "USD", "occurredAt": "%s",
					 "items": [%s]}""".formatted(orderId, unique("buyer") + "@customers.example.com", partner.code(),
					Instant.now(), item(product.sku(), units, product.price().toPlainString())))
			.andExpect(status().isCreated())
			.andReturn();
		List<Number> ids = JsonPath.read(result.getResponse().getContentAsString(), "$.commissions[*].id");
		return ids.stream().map(Number::longValue).toList();
	}

	private long rollup(String json) throws Exception {
		MvcResult result = this.fx.post("/api/v1/rollup-fields", json).andExpect(status().isCreated()).andReturn();
		long id = ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
		Awaitility.await("recompute finished")
			.atMost(Duration.ofSeconds(60))
			.until(() -> "done".equals(this.jdbc
				.sql("select j.status from rollup_field f "
						+ "join job j on j.id = f.recompute_job_id where f.id = :id")
				.param("id", id)
				.query(String.class)
				.single()));
		return id;
	}

	private long group(String json) throws Exception {
		MvcResult result = this.fx.post("/api/v1/groups", json).andExpect(status().isCreated()).andReturn();
		return ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
	}

	private ResultActions members(long group, String query) throws Exception {
		return this.fx.get("/api/v1/groups/" + group + "/members" + query);
	}

	@Test
	void approvedAndPaidAtLeast1000FollowsApprovalsPaymentsAndRefunds() throws Exception {
		ProgramSummary program = this.fx.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary product = this.fx.product("5000.00"); // 500.00 commission a unit
		PartnerSummary jane = this.fx.partner(program);
		PartnerSummary bob = this.fx.partner(program);
		this.jdbc.sql("update partner set payout_email = code || '@paypal.example.com' where id in (:a, :b)")
			.param("a", jane.id())
			.param("b", bob.id())
			.update();
		String rollupName = "Approved and paid commissions" + unique(" ");
		rollup("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount",
				 "filter": {"match": "any", "conditions": [{"field": "status", "op": "eq", "value": "approved"},
				                                           {"field": "status", "op": "eq", "value": "paid"}]}}"""
			.formatted(rollupName));
		long group = group("""
				{"name": "%s", "filter": {"match": "all", "conditions": [
				  {"field": "rollup:%s", "op": "gte", "value": "1000"},
				  {"field": "program", "op": "eq", "value": "%s"}]}}"""
			.formatted("Approved and paid ≥ 1000" + unique(" "), rollupName.toUpperCase(), program.name()));

		String first = unique("g-");
		List<Long> janeSale = order(first, jane, product, 2); // 1000.00 pending
		List<Long> bobSale = order(unique("g-"), bob, product, 1); // 500.00
		members(group, "").andExpect(jsonPath("$.total").value(0));
		assertThat(this.groupApi.isMember(group, jane.contactId())).isFalse();

		this.fx.post("/api/v1/commissions/approve", "{\"ids\": " + janeSale + "}").andExpect(status().isOk());
		this.fx.post("/api/v1/commissions/approve", "{\"ids\": " + bobSale + "}").andExpect(status().isOk());
		// read at once: the members read applies the pending rollup changes first
		members(group, "").andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].contactId").value(jane.contactId()))
			.andExpect(jsonPath("$.items[0].email").value(this.fx.emailOf(jane)))
			.andExpect(jsonPath("$.items[0].firstName").value("Pat"))
			.andExpect(jsonPath("$.items[0].lastName").value(jane.code()));
		assertThat(this.groupApi.isMember(group, jane.contactId())).isTrue();
		assertThat(this.groupApi.isMember(group, bob.contactId())).isFalse();

		// refunded before payment: the commission becomes refunded and jane drops out
		this.fx.post("/api/v1/orders/" + first + "/refunds", "{\"refundId\": \"" + unique("rf-") + "\"}")
			.andExpect(status().is2xxSuccessful());
		assertThat(this.groupApi.isMember(group, jane.contactId())).isFalse();

		// a bigger approved sale, then paid: member, and still a member once paid
		List<Long> big = order(unique("g-"), jane, product, 3);
		this.fx.post("/api/v1/commissions/approve", "{\"ids\": " + big + "}").andExpect(status().isOk());
		assertThat(this.groupApi.isMember(group, jane.contactId())).isTrue();
		MvcResult payout = this.fx.post("/api/v1/payouts", "{\"program\": \"" + program.name() + "\"}")
			.andExpect(status().isCreated())
			.andReturn();
		long payoutId = ((Number) JsonPath.read(payout.getResponse().getContentAsString(), "$.id")).longValue();
		this.fx.post("/api/v1/payouts/" + payoutId + "/paid", "{}").andExpect(status().isOk());
		assertThat(this.jdbc.sql("select count(*) from commission where id = :id and status = 'paid'")
			.param("id", big.get(0))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.groupApi.isMember(group, jane.contactId())).isTrue();
		assertThat(this.groupApi.members(group, 0, 10).items()).extracting(GroupMember::contactId)
			.containsExactly(jane.contactId());
		// bob reaches 1000 with a second approved sale
		List<Long> more = order(unique("g-"), bob, product, 1);
		this.fx.post("/api/v1/commissions/approve", "{\"ids\": " + more + "}").andExpect(status().isOk());
		members(group, "").andExpect(jsonPath("$.total").value(2));
	}

	@Test
	void badDefinitionsAreRejectedWithClearMessages() throws Exception {
		String name = unique("Bad group ");
		String rollupName = "Group count" + unique(" ");
		rollup("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned"}""".formatted(rollupName));
		rejected(name, """
				{"match": "all", "conditions": [{"field": "shoeSize", "op": "eq", "value": "42"}]}""",
				"Condition 1: unknown field 'shoeSize'");
		rejected(name, """
				{"match": "all", "conditions": [{"field": "rollup:No such rollup", "op": "gte", "value": "1"}]}""",
				"Condition 1: unknown rollup field 'No such rollup'");
		rejected(name, """
				{"match": "all", "conditions": [{"field": "rollup:%s", "op": "gte", "value": "many"}]}"""
			.formatted(rollupName), "'many' is not a number");
		rejected(name, """
				{"match": "all", "conditions": [{"field": "rollup:%s", "op": "gte", "value": "1.5"}]}"""
			.formatted(rollupName), "takes a whole number");
		rejected(name, """
				{"match": "all", "conditions": [{"field": "email", "op": "gt", "value": "a"}]}""",
				"'gt' does not apply to email");
		rejected(name, """
				{"match": "all", "conditions": [{"field": "dateAdded", "op": "on_or_after", "value": "soon"}]}""",
				"'soon' is not a date");
		rejected(name, """
				{"match": "all", "conditions": [{"field": "partnerStatus", "op": "eq", "value": "gold"}]}""",
				"'gold' is not a partnerStatus");
		rejected(name, """
				{"match": "all", "conditions": []}""", "the group is empty");
		rejected(name, """
				{"match": "all", "conditions": [{"field": "email", "op": "eq", "value": "a@b.c"},
				                                {"match": "any", "conditions": []}]}""", "Group 2: the group is empty");
		rejected(name, """
				{"match": "some", "conditions": [{"field": "email", "op": "eq", "value": "a@b.c"}]}""",
				"match must be 'all' or 'any'");
		this.fx.post("/api/v1/groups", "{\"name\": \"" + name + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("filter: a filter is required")));
		this.fx.post("/api/v1/groups",
				"""
						{"name": " ", "filter": {"match": "all", "conditions": [{"field": "email", "op": "eq", "value": "x"}]}}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("name: a name is required")));
		this.fx.post("/api/v1/groups", """
				{"name": "%s", "colour": "red", "filter": {"match": "all", "conditions": [
				  {"field": "email", "op": "eq", "value": "x"}]}}""".formatted(name))
			.andExpect(status().isBadRequest());
		group("""
				{"name": "%s", "filter": {"match": "all", "conditions": [{"field": "email", "op": "eq", "value": "x"}]}}"""
			.formatted(name));
		this.fx
			.post("/api/v1/groups",
					"""
							{"name": "%s", "filter": {"match": "all", "conditions": [{"field": "email", "op": "eq", "value": "x"}]}}"""
						.formatted(name.toLowerCase()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("already exists")));
		assertThat(this.jdbc.sql("select count(*) from contact_group where lower(name) = lower(:n)")
			.param("n", name)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private void rejected(String name, String filter, String message) throws Exception {
		this.fx.post("/api/v1/groups", "{\"name\": \"" + name + "\", \"filter\": " + filter + "}")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail", containsString(message)));
	}

	@Test
	void crudAndMembersPaging() throws Exception {
		String family = unique("Family");
		List<Long> ids = List.of(this.contacts.create(unique("m1") + "@example.com", "Ann", family).id(),
				this.contacts.create(unique("m2") + "@example.com", "Ben", family).id(),
				this.contacts.create(unique("m3") + "@example.com", "Cid", family).id());
		long group = group("""
				{"name": "%s", "filter": {"match": "all", "conditions": [
				  {"field": "lastName", "op": "eq", "value": "%s"},
				  {"field": "partnerStatus", "op": "eq", "value": "none"}]}}""".formatted(family,
				family.toUpperCase()));
		members(group, "?page=0&size=2").andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[0].contactId").value(ids.get(0)))
			.andExpect(jsonPath("$.items[1].contactId").value(ids.get(1)));
		members(group, "?page=1&size=2").andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].contactId").value(ids.get(2)));
		members(group, "?size=0").andExpect(status().isBadRequest());
		members(group, "?page=x").andExpect(status().isBadRequest());
		this.fx.get("/api/v1/groups/" + group)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(family))
			.andExpect(jsonPath("$.filter.conditions[0].field").value("lastName"))
			.andExpect(jsonPath("$.summary", containsString("Last name equal to")));
		this.fx.get("/api/v1/groups").andExpect(jsonPath("$.items[?(@.id == " + group + ")].name").value(family));
		this.mvc
			.perform(put("/api/v1/groups/" + group).header("Authorization", IntegrationTest.BEARER)
				.contentType("application/json")
				.content("""
						{"name": "%s renamed", "filter": {"match": "any", "conditions": [
						  {"field": "email", "op": "eq", "value": "%s"}]}}""".formatted(family,
						this.contacts.findById(ids.get(1)).orElseThrow().email())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(family + " renamed"));
		members(group, "").andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].contactId").value(ids.get(1)));
		this.mvc.perform(delete("/api/v1/groups/" + group).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isNoContent());
		this.fx.get("/api/v1/groups/" + group).andExpect(status().isNotFound());
		members(group, "").andExpect(status().isNotFound());
		assertThat(this.groupApi.isMember(group, ids.get(0))).isFalse();
		this.mvc.perform(get("/api/v1/groups")).andExpect(status().isUnauthorized());
	}

	@Test
	void contactAndPartnerListsFilterByGroupAndExportCsv() throws Exception {
		ProgramSummary program = this.fx.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary one = this.fx.partner(program);
		PartnerSummary two = this.fx.partner(program);
		ProgramSummary other = this.fx.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary outsider = this.fx.partner(other);
		long group = group("""
				{"name": "%s", "filter": {"match": "all", "conditions": [
				  {"field": "program", "op": "eq", "value": "%s"}]}}""".formatted(unique("In program "),
				program.name()));
		this.mvc.perform(get("/admin/partners").with(admin()).param("group", String.valueOf(group)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(one.code())))
			.andExpect(content().string(containsString(two.code())))
			.andExpect(content().string(not(containsString(outsider.code()))));
		this.mvc.perform(get("/admin/partners.csv").with(admin()).param("group", String.valueOf(group)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(one.code())))
			.andExpect(content().string(not(containsString(outsider.code()))));
		this.mvc.perform(get("/admin/contacts").with(admin()).param("group", String.valueOf(group)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(this.fx.emailOf(one))))
			.andExpect(content().string(containsString(this.fx.emailOf(two))))
			.andExpect(content().string(not(containsString(this.fx.emailOf(outsider)))))
			.andExpect(content().string(containsString("Showing 1–2 of 2")));
		this.mvc
			.perform(get("/admin/contacts").with(admin()).param("group", String.valueOf(group)).param("q", one.code()))
			.andExpect(content().string(containsString("Showing 1–1 of 1")));
		this.mvc.perform(get("/admin/contacts.csv").with(admin()).param("group", String.valueOf(group)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(this.fx.emailOf(two))))
			.andExpect(content().string(not(containsString(this.fx.emailOf(outsider)))));
		// a junk group parameter is ignored, never a 500
		this.mvc.perform(get("/admin/contacts").with(admin()).param("group", "abc")).andExpect(status().isOk());
		this.mvc.perform(get("/admin/partners").with(admin()).param("group", "999999999")).andExpect(status().isOk());
		// members CSV and page, sorted by e-mail descending
		String csv = this.mvc
			.perform(get("/admin/groups/" + group + "/members.csv").with(admin()).param("sort", "email,desc"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> emails = List.of(this.fx.emailOf(one), this.fx.emailOf(two))
			.stream()
			.sorted(java.util.Comparator.reverseOrder())
			.toList();
		assertThat(csv).startsWith("contact id,email,first name,last name,date added\r\n");
		assertThat(csv.indexOf(emails.get(0))).isLessThan(csv.indexOf(emails.get(1)));
		this.mvc.perform(get("/admin/groups/" + group).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(this.fx.emailOf(one))))
			.andExpect(content().string(containsString("/admin/partners?group=" + group)));
		this.mvc.perform(get("/admin/groups").with(admin())).andExpect(status().isOk());
	}

	@Test
	void consoleBuilderNestsGroupsWithoutScripts() throws Exception {
		String family = unique("Nested");
		this.contacts.create(unique("n1") + "@example.com", "Ann", family);
		this.contacts.create(unique("n2") + "@example.com", "Ben", family);
		this.contacts.create(unique("n3") + "@example.com", "Cid", family);
		// "Add group" redraws the form with an OR group holding one new condition, and
		// saves nothing
		this.mvc
			.perform(post("/admin/groups/new").with(admin())
				.with(csrf())
				.param("name", unique("Draft "))
				.param("rows[0].kind", "group")
				.param("rows[0].depth", "0")
				.param("action", "addGroup:0"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"rows1.match\"")))
			.andExpect(content().string(containsString("id=\"rows2.field\"")));
		String name = unique("Nested group ");
		MvcResult saved = this.mvc
			.perform(post("/admin/groups/new").with(admin())
				.with(csrf())
				.param("name", name)
				.param("rows[0].kind", "group")
				.param("rows[0].depth", "0")
				.param("rows[0].match", "all")
				.param("rows[1].kind", "condition")
				.param("rows[1].depth", "1")
				.param("rows[1].field", "lastName")
				.param("rows[1].op", "eq")
				.param("rows[1].value", family)
				.param("rows[2].kind", "group")
				.param("rows[2].depth", "1")
				.param("rows[2].match", "any")
				.param("rows[3].kind", "condition")
				.param("rows[3].depth", "2")
				.param("rows[3].field", "firstName")
				.param("rows[3].op", "eq")
				.param("rows[3].value", "Ann")
				.param("rows[4].kind", "condition")
				.param("rows[4].depth", "2")
				.param("rows[4].field", "firstName")
				.param("rows[4].op", "eq")
				.param("rows[4].value", "Cid")
				.param("action", "save"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = saved.getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(this.groupApi.members(id, 0, 10).total()).isEqualTo(2);
		// the saved nested filter opens in the builder, not in the JSON box
		this.mvc.perform(get("/admin/groups/" + id + "/edit").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"Cid\"")))
			.andExpect(content().string(containsString("id=\"rows2.match\"")));
		// an unknown field is reported beside its row
		this.mvc
			.perform(post("/admin/groups/" + id + "/edit").with(admin())
				.with(csrf())
				.param("name", name)
				.param("rows[0].kind", "group")
				.param("rows[0].depth", "0")
				.param("rows[1].kind", "condition")
				.param("rows[1].depth", "1")
				.param("rows[1].field", "shoeSize")
				.param("rows[1].op", "eq")
				.param("rows[1].value", "42")
				.param("action", "save"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"row-error-1\"")));
		assertThat(this.groupApi.members(id, 0, 10).total()).isEqualTo(2);
	}

	@Test
	void consoleFormPreviewsValidatesAndSaves() throws Exception {
		String family = unique("Console");
		this.contacts.create(unique("c1") + "@example.com", "Ann", family);
		this.contacts.create(unique("c2") + "@example.com", "Ben", family);
		String name = unique("Console group ");
		this.mvc
			.perform(post("/admin/groups/new").with(admin())
				.with(csrf())
				.param("name", name)
				.param("match", "all")
				.param("rows[1].field", "lastName")
				.param("rows[1].op", "eq")
				.param("rows[1].value", family)
				.param("action", "preview"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2 contacts match these conditions now.")));
		this.mvc
			.perform(post("/admin/groups/new").with(admin())
				.with(csrf())
				.param("name", name)
				.param("match", "all")
				.param("rows[1].field", "lastName")
				.param("rows[1].op", "eq")
				.param("rows[1].value", family)
				.param("rows[3].field", "dateAdded")
				.param("rows[3].op", "on_or_after")
				.param("rows[3].value", "later")
				.param("action", "save"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("&#39;later&#39; is not a date")));
		this.mvc
			.perform(post("/admin/groups/new").with(admin())
				.with(csrf())
				.param("name", name)
				.param("match", "all")
				.param("action", "save"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("the group is empty")));
		MvcResult saved = this.mvc
			.perform(post("/admin/groups/new").with(admin())
				.with(csrf())
				.param("name", name)
				.param("match", "all")
				.param("rows[1].field", "lastName")
				.param("rows[1].op", "eq")
				.param("rows[1].value", family)
				.param("action", "save"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = saved.getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(this.groupApi.members(id, 0, 10).total()).isEqualTo(2);
		this.mvc.perform(get("/admin/groups/" + id + "/edit").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(family)));
		this.mvc
			.perform(post("/admin/groups/" + id + "/edit").with(admin())
				.with(csrf())
				.param("name", name)
				.param("match", "all")
				.param("json",
						"""
								{"match": "all", "conditions": [{"field": "lastName", "op": "eq", "value": "%s"},
								  {"match": "any", "conditions": [{"field": "firstName", "op": "eq", "value": "Ann"},
								                                  {"field": "firstName", "op": "eq", "value": "Zed"}]}]}"""
							.formatted(family))
				.param("action", "save"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.groupApi.members(id, 0, 10).total()).isEqualTo(1);
		this.mvc.perform(post("/admin/groups/" + id + "/delete").with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/admin/groups/" + id).with(admin())).andExpect(status().isNotFound());
	}

	@Test
	void aSaveOverAnotherAdminsChangeIsRefusedWithAFormMessage() throws Exception {
		String name = unique("Stale group ");
		dev.partnerhub.groups.GroupSummary group = this.groupService.create(name, dev.partnerhub.filters.FilterJson
			.parse("{\"match\": \"all\", \"conditions\": [{\"field\": \"email\", \"op\": \"eq\", \"value\": \"a@x.test\"}]}",
					"filter"));
		this.mvc.perform(get("/admin/groups/" + group.id() + "/edit").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"version\" value=\"" + group.version() + "\"")));
		// another admin saves first
		this.groupService.update(group.id(), name, dev.partnerhub.filters.FilterJson.parse(
				"{\"match\": \"all\", \"conditions\": [{\"field\": \"email\", \"op\": \"eq\", \"value\": \"theirs@x.test\"}]}",
				"filter"), group.version());
		String mine = "{\"match\": \"all\", \"conditions\": [{\"field\": \"email\", \"op\": \"eq\", \"value\": \"mine@x.test\"}]}";
		this.mvc
			.perform(post("/admin/groups/" + group.id() + "/edit").with(admin())
				.with(csrf())
				.param("version", String.valueOf(group.version()))
				.param("name", name)
				.param("json", mine)
				.param("action", "save"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else saved this group meanwhile")));
		assertThat(this.groupService.get(group.id()).filter().summary()).contains("theirs@x.test");
		long current = this.groupService.get(group.id()).version();
		assertThat(current).isEqualTo(group.version() + 1);
		this.mvc
			.perform(post("/admin/groups/" + group.id() + "/edit").with(admin())
				.with(csrf())
				.param("version", String.valueOf(current))
				.param("name", name)
				.param("json", mine)
				.param("action", "save"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.groupService.get(group.id()).filter().summary()).contains("mine@x.test");
	}

}
