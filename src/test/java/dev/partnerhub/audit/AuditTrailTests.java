package dev.partnerhub.audit;

import java.util.List;
import java.util.UUID;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every decision wired to the audit log leaves exactly one entry with who did it and what
 * changed, through the console (the admin's e-mail) and through the API
 * ({@code api-key:<name>}); a refused change leaves none.
 */
@IntegrationTest
class AuditTrailTests {

	static final String ADMIN_EMAIL = "admin@test.local";

	static final RequestPostProcessor ADMIN = user(ADMIN_EMAIL).roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	OrderFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	record Entry(String actor, String before, String after, String detail) {
	}

	private List<Entry> entries(String action, String subjectType, Object subjectId) {
		return this.jdbc.sql("""
				select actor, before_value, after_value, detail from audit_entry
				where action = :action and subject_type = :type and subject_id = :id order by id
				""")
			.param("action", action)
			.param("type", subjectType)
			.param("id", String.valueOf(subjectId))
			.query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	private Entry single(String action, String subjectType, Object subjectId) {
		List<Entry> found = entries(action, subjectType, subjectId);
		assertThat(found).as(action + " entries for " + subjectType + " " + subjectId).hasSize(1);
		return found.get(0);
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	private MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder request, String json) {
		return request.header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.replace('\'', '"'));
	}

	private static MockHttpServletRequestBuilder programForm(String url, String name, String cookieDays) {
		return post(url).with(ADMIN)
			.with(csrf())
			.param("name", name)
			.param("landingUrl", "https://shop.example.com/audit")
			.param("tiers", "1")
			.param("currency", "USD")
			.param("firstTierRateType", "percent")
			.param("firstTierRateValue", "20")
			.param("secondTierRateType", "percent")
			.param("secondTierRateValue", "5")
			.param("cookieDays", cookieDays)
			.param("approvalDelayDays", "")
			.param("minimumPayout", "25.00")
			.param("recurringCommissions", "true")
			.param("_recurringCommissions", "on")
			.param("recurringMonths", "");
	}

	private ProgramSummary program() {
		return this.f.program(1, Rate.percent("10"), Rate.percent("0"));
	}

	// --- programs and settings

	@Test
	void programCreateAndUpdateFromTheConsole() throws Exception {
		String name = unique("Audit console ");
		this.mvc.perform(programForm("/admin/programs/new", name, "45")).andExpect(status().is3xxRedirection());
		ProgramSummary program = this.programs.findProgramByName(name).orElseThrow();
		Entry created = single("program.create", "program", program.id());
		assertThat(created.actor()).isEqualTo(ADMIN_EMAIL);
		assertThat(created.before()).isNull();
		assertThat(created.after()).contains("name=" + name, "cookieDays=45", "firstTierRate=20 %",
				"minimumPayout=25.00", "approvalDelayDays=manual");

		this.mvc.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "60"))
			.andExpect(status().is3xxRedirection());
		Entry updated = single("program.update", "program", program.id());
		assertThat(updated.actor()).isEqualTo(ADMIN_EMAIL);
		assertThat(updated.before()).isEqualTo("cookieDays=45");
		assertThat(updated.after()).isEqualTo("cookieDays=60");
		assertThat(updated.detail()).isEqualTo(name);

		// saving the same values again is no decision: no second entry
		this.mvc.perform(programForm("/admin/programs/" + program.id() + "/edit", name, "60"))
			.andExpect(status().is3xxRedirection());
		assertThat(entries("program.update", "program", program.id())).hasSize(1);
	}

	@Test
	void programCreateAndUpdateThroughTheApi() throws Exception {
		String name = unique("Audit api ");
		this.mvc.perform(api(post("/api/v1/programs"), """
				{'name': '%s', 'landingUrl': 'https://shop.example.com', 'tiers': 1, 'currency': 'USD',
				 'firstTierRate': {'type': 'percent', 'value': '20'}, 'cookieDays': 30, 'minimumPayout': '0.00'}
				""".formatted(name))).andExpect(status().isCreated());
		ProgramSummary program = this.programs.findProgramByName(name).orElseThrow();
		assertThat(single("program.create", "program", program.id()).actor()).startsWith("api-key:");

		this.mvc.perform(api(put("/api/v1/programs/" + name), """
				{'name': '%s', 'landingUrl': 'https://shop.example.com', 'tiers': 1, 'currency': 'USD',
				 'firstTierRate': {'type': 'flat', 'value': '7.5'}, 'cookieDays': 30, 'minimumPayout': '50'}
				""".formatted(name))).andExpect(status().isOk());
		Entry updated = single("program.update", "program", program.id());
		assertThat(updated.actor()).startsWith("api-key:");
		assertThat(updated.before()).contains("firstTierRate=20 %", "minimumPayout=0.00");
		assertThat(updated.after()).contains("firstTierRate=7.50 flat", "minimumPayout=50.00");
	}

	@Test
	void aRefusedProgramChangeLeavesNoEntry() throws Exception {
		ProgramSummary program = program();
		// cookie window out of range: refused by the service, nothing saved
		this.mvc.perform(api(put("/api/v1/programs/" + program.name()), """
				{'name': '%s', 'landingUrl': 'https://shop.example.com', 'tiers': 1, 'currency': 'USD',
				 'firstTierRate': {'type': 'percent', 'value': '20'}, 'cookieDays': 0}
				""".formatted(program.name()))).andExpect(status().is4xxClientError());
		assertThat(entries("program.update", "program", program.id())).isEmpty();
	}

	@Test
	void creditSettingChangesFromConsoleAndApi() throws Exception {
		PartnerSettings original = this.programs.settings();
		long mark = lastId();
		try {
			String other = original.credit() == Credit.LAST ? "first" : "last";
			this.mvc.perform(api(put("/api/v1/settings"), "{'credit': '" + other + "'}")).andExpect(status().isOk());
			this.mvc.perform(post("/admin/settings").with(ADMIN)
				.with(csrf())
				.param("credit", original.credit().value())
				.param("defaultCurrency", original.defaultCurrency())
				.param("defaultFirstTierRateType", original.defaultFirstTierRate().type().name().toLowerCase())
				.param("defaultFirstTierRateValue", original.defaultFirstTierRate().value().toPlainString())
				.param("defaultSecondTierRateType", original.defaultSecondTierRate().type().name().toLowerCase())
				.param("defaultSecondTierRateValue", original.defaultSecondTierRate().value().toPlainString())
				.param("defaultCookieDays", String.valueOf(original.defaultCookieDays()))
				.param("defaultApprovalDelayDays",
						original.defaultApprovalDelayDays() == null ? ""
								: String.valueOf(original.defaultApprovalDelayDays()))
				.param("defaultMinimumPayout", original.defaultMinimumPayout().toPlainString())
				.param("payoutSchedule", original.payoutSchedule())
				.param("payoutDay", String.valueOf(original.payoutDay()))).andExpect(status().is3xxRedirection());
			List<Entry> changes = this.jdbc.sql("""
					select actor, before_value, after_value, detail from audit_entry
					where action = 'settings.update' and id > :mark order by id
					""")
				.param("mark", mark)
				.query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
				.list();
			assertThat(changes).hasSize(2);
			assertThat(changes.get(0).actor()).startsWith("api-key:");
			assertThat(changes.get(0).before()).isEqualTo("credit=" + original.credit().value());
			assertThat(changes.get(0).after()).isEqualTo("credit=" + other);
			assertThat(changes.get(1).actor()).isEqualTo(ADMIN_EMAIL);
			assertThat(changes.get(1).before()).isEqualTo("credit=" + other);
			assertThat(changes.get(1).after()).isEqualTo("credit=" + original.credit().value());
		}
		finally {
			this.programs.updateSettings(original);
		}
	}

	private long lastId() {
		return this.jdbc.sql("select coalesce(max(id), 0) from audit_entry").query(Long.class).single();
	}

	// --- partners

	@Test
	void partnerLifecycleFromTheConsole() throws Exception {
		ProgramSummary first = program();
		ProgramSummary second = program();
		String code = unique("aud");
		String email = code + "@partners.example.com";
		this.mvc
			.perform(post("/admin/partners/new").with(ADMIN)
				.with(csrf())
				.param("email", email)
				.param("firstName", "Audra")
				.param("lastName", "Trail")
				.param("programId", String.valueOf(first.id()))
				.param("code", code)
				.param("status", "pending"))
			.andExpect(status().is3xxRedirection());
		PartnerSummary partner = this.partners.findByCode(code).orElseThrow();
		Entry created = single("partner.create", "partner", partner.id());
		assertThat(created.actor()).isEqualTo(ADMIN_EMAIL);
		assertThat(created.after())
			.isEqualTo("code=" + code + "; program=" + first.name() + "; status=pending; parent=none");
		assertThat(created.detail()).isEqualTo(email);

		this.mvc.perform(post("/admin/partners/" + partner.id() + "/approve").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		Entry approved = single("partner.status", "partner", partner.id());
		assertThat(approved).isEqualTo(new Entry(ADMIN_EMAIL, "pending", "approved", code));

		// one edit that moves him and suspends him: one entry for each decision
		this.mvc
			.perform(post("/admin/partners/" + partner.id() + "/edit").with(ADMIN)
				.with(csrf())
				.param("code", code)
				.param("status", "suspended")
				.param("parentCode", "")
				.param("payoutEmail", "")
				.param("programId", String.valueOf(second.id())))
			.andExpect(status().is3xxRedirection());
		assertThat(entries("partner.status", "partner", partner.id())).hasSize(2)
			.last()
			.isEqualTo(new Entry(ADMIN_EMAIL, "approved", "suspended", code));
		assertThat(single("partner.program", "partner", partner.id()))
			.isEqualTo(new Entry(ADMIN_EMAIL, first.name(), second.name(), code));

		this.mvc.perform(post("/admin/contacts/" + partner.contactId() + "/referral/remove").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.partners.findByCode(code)).isEmpty();
		Entry removed = single("partner.remove", "partner", partner.id());
		assertThat(removed.actor()).isEqualTo(ADMIN_EMAIL);
		assertThat(removed.before())
			.isEqualTo("code=" + code + "; program=" + second.name() + "; status=suspended; parent=none");
		assertThat(removed.after()).isNull();
	}

	@Test
	void partnerCreateAndProgramChangeThroughTheApi() throws Exception {
		ProgramSummary first = program();
		ProgramSummary second = program();
		String code = unique("api");
		this.mvc.perform(api(post("/api/v1/partners"), """
				{'email': '%s@partners.example.com', 'firstName': 'Api', 'lastName': 'Made', 'program': '%s',
				 'code': '%s'}
				""".formatted(code, first.name(), code))).andExpect(status().isCreated());
		PartnerSummary partner = this.partners.findByCode(code).orElseThrow();
		Entry created = single("partner.create", "partner", partner.id());
		assertThat(created.actor()).startsWith("api-key:");
		assertThat(created.after()).contains("status=approved", "program=" + first.name());

		this.mvc.perform(api(put("/api/v1/partners/" + code + "/program"), "{'program': '" + second.name() + "'}"))
			.andExpect(status().isOk());
		Entry moved = single("partner.program", "partner", partner.id());
		assertThat(moved.actor()).startsWith("api-key:");
		assertThat(moved.before()).isEqualTo(first.name());
		assertThat(moved.after()).isEqualTo(second.name());
	}

	@Test
	void refusedPartnerChangesLeaveNoEntry() throws Exception {
		ProgramSummary program = program();
		PartnerSummary parent = this.f.partner(program);
		PartnerSummary child = this.f.partner(program, parent, PartnerStatus.APPROVED);
		ProgramSummary other = program();
		// making the parent his own child's child is a cycle: refused, even though status
		// and program change too
		this.mvc
			.perform(post("/admin/partners/" + parent.id() + "/edit").with(ADMIN)
				.with(csrf())
				.param("code", parent.code())
				.param("status", "suspended")
				.param("parentCode", child.code())
				.param("payoutEmail", "")
				.param("programId", String.valueOf(other.id())))
			.andExpect(status().isOk());
		assertThat(this.partners.findById(parent.id()).orElseThrow().status()).isEqualTo(PartnerStatus.APPROVED);
		assertThat(entries("partner.status", "partner", parent.id())).isEmpty();
		assertThat(entries("partner.program", "partner", parent.id())).isEmpty();

		// a parent of other partners cannot be removed
		this.mvc.perform(post("/admin/contacts/" + parent.contactId() + "/referral/remove").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.partners.findById(parent.id())).isPresent();
		assertThat(entries("partner.remove", "partner", parent.id())).isEmpty();

		// a taken code: the enrollment is refused and no partner.create is left behind
		long mark = lastId();
		this.mvc.perform(api(post("/api/v1/partners"), """
				{'email': '%s@partners.example.com', 'program': '%s', 'code': '%s'}
				""".formatted(unique("dup"), program.name(), child.code()))).andExpect(status().isConflict());
		assertThat(this.jdbc
			.sql("select count(*) from audit_entry where action = 'partner.create' and id > :mark "
					+ "and detail like '%dup%'")
			.param("mark", mark)
			.query(Long.class)
			.single()).isZero();
	}

	// --- referrers

	@Test
	void manualReferrerChangesRecordPartnerCodes() throws Exception {
		ProgramSummary program = program();
		PartnerSummary jane = this.f.partner(program);
		PartnerSummary joe = this.f.partner(program);
		ContactSummary buyer = this.contacts.create(unique("buyer") + "@example.com", "Buy", "Er");

		this.mvc
			.perform(post("/admin/contacts/" + buyer.id() + "/referral/first-referrer").with(ADMIN)
				.with(csrf())
				.param("code", jane.code()))
			.andExpect(status().is3xxRedirection());
		assertThat(single("contact.first_referrer", "contact", buyer.id()))
			.isEqualTo(new Entry(ADMIN_EMAIL, null, jane.code(), buyer.email()));

		this.mvc
			.perform(post("/admin/contacts/" + buyer.id() + "/referral/last-referrer").with(ADMIN)
				.with(csrf())
				.param("code", joe.code()))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/admin/contacts/" + buyer.id() + "/referral/last-referrer").with(ADMIN)
				.with(csrf())
				.param("code", ""))
			.andExpect(status().is3xxRedirection());
		List<Entry> last = entries("contact.last_referrer", "contact", buyer.id());
		assertThat(last).containsExactly(new Entry(ADMIN_EMAIL, null, joe.code(), buyer.email()),
				new Entry(ADMIN_EMAIL, joe.code(), null, buyer.email()));

		// unknown code: refused, no entry
		this.mvc
			.perform(post("/admin/contacts/" + buyer.id() + "/referral/first-referrer").with(ADMIN)
				.with(csrf())
				.param("code", "no-such-partner-" + unique("")))
			.andExpect(status().is3xxRedirection());
		assertThat(entries("contact.first_referrer", "contact", buyer.id())).hasSize(1);
	}

	// --- refunds

	@Test
	void refundRecordsAmountsAndChangedCommissions() throws Exception {
		ProgramSummary program = program();
		PartnerSummary partner = this.f.partner(program);
		ProductSummary product = this.f.product("100.00");
		String orderId = unique("o-");
		this.f
			.postOrder(OrderFixtures.order(orderId, unique("b") + "@example.com", partner.code(),
					item(product.sku(), 1, "100.00")))
			.andExpect(status().isCreated());

		// more than the order: refused, no entry
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r0\", \"amount\": \"100.01\"}")
			.andExpect(status().isConflict());
		assertThat(entries("order.refund", "order", orderId)).isEmpty();

		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"40.00\"}")
			.andExpect(status().is2xxSuccessful());
		// a replay of the same refund is no new decision
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"40.00\"}")
			.andExpect(status().is2xxSuccessful());
		Entry refund = single("order.refund", "order", orderId);
		assertThat(refund.actor()).startsWith("api-key:");
		assertThat(refund.before()).isEqualTo("refunded=0.00");
		assertThat(refund.after()).isEqualTo("refunded=40.00");
		assertThat(refund.detail()).startsWith("refund r1 of 40.00 USD; commissions: #")
			.contains(partner.code() + " tier 1");
	}

}
