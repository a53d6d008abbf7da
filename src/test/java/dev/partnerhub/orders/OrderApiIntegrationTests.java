package dev.partnerhub.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition.ProductRateDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.order;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class OrderApiIntegrationTests {

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

	OrderFixtures f;

	@BeforeEach
	void setUp() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	static String buyer() {
		return unique("buyer") + "@customers.example.com";
	}

	@Test
	void partnerCodeReferralCreditsTierOneAndTierTwoExactly() throws Exception {
		ProductSummary a = this.f.product("19.99");
		ProductSummary b = this.f.product("5.00");
		ProgramSummary parentProgram = this.f.program(2, Rate.percent("30"), Rate.percent("10"));
		ProgramSummary childProgram = this.f.program(1, Rate.percent("20"), Rate.percent("50"), true, null,
				List.of(new ProductRateDefinition(a.id(), Rate.percent("12.5"), null)));
		PartnerSummary parent = this.f.partner(parentProgram);
		PartnerSummary child = this.f.partner(childProgram, parent, PartnerStatus.APPROVED);
		String orderId = unique("o-");

		MvcResult result = this.f
			.postOrder(order(orderId, buyer(), child.code(), item(a.sku(), 2, "19.99") + "," + item(b.sku(), 3, "5")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.orderId").value(orderId))
			.andExpect(jsonPath("$.commissions", hasSize(4)))
			// 12.5 % of 39.98 = 4.9975 → 5.00; 20 % of 15.00 = 3.00
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(child.code()))
			.andExpect(jsonPath("$.commissions[0].tier").value(1))
			.andExpect(jsonPath("$.commissions[0].amount").value("5.00"))
			.andExpect(jsonPath("$.commissions[0].status").value("pending"))
			.andExpect(jsonPath("$.commissions[1].amount").value("3.00"))
			// the parent's own program's tier-2 rate (10 %), not the child's: 3.998 →
			// 4.00 and 1.50
			.andExpect(jsonPath("$.commissions[2].partnerCode").value(parent.code()))
			.andExpect(jsonPath("$.commissions[2].tier").value(2))
			.andExpect(jsonPath("$.commissions[2].amount").value("4.00"))
			.andExpect(jsonPath("$.commissions[3].amount").value("1.50"))
			.andReturn();

		Integer firstId = read(result, "$.commissions[0].id");
		Map<String, Object> row = this.jdbc
			.sql("select reason, currency, transaction_date is not null as dated from commission where id = :id")
			.param("id", firstId)
			.query()
			.singleRow();
		assertThat(row.get("reason")).isEqualTo("tier 1: last referrer " + child.code());
		assertThat(row.get("currency")).isEqualTo("USD");
		String tier2Reason = this.jdbc.sql("select reason from commission where id = :id")
			.param("id", (Integer) read(result, "$.commissions[2].id"))
			.query(String.class)
			.single();
		assertThat(tier2Reason).isEqualTo("tier 2: parent of " + child.code());
	}

	@Test
	void noTierTwoWhenTheParentsProgramIsOneTier() throws Exception {
		ProductSummary a = this.f.product("10.00");
		ProgramSummary oneTier = this.f.program(1, Rate.percent("10"), Rate.percent("10"));
		PartnerSummary parent = this.f.partner(oneTier);
		PartnerSummary child = this.f.partner(oneTier, parent, PartnerStatus.APPROVED);
		this.f.postOrder(order(unique("o-"), buyer(), child.code(), item(a.sku(), 1, "10.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(1)))
			.andExpect(jsonPath("$.commissions[0].tier").value(1))
			.andExpect(jsonPath("$.commissions[0].amount").value("1.00"));
	}

	@Test
	void creditGoesToTheFirstOrLastReferrerPerSetting() throws Exception {
		ProductSummary a = this.f.product("100.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary first = this.f.partner(program);
		PartnerSummary last = this.f.partner(program);
		String email = buyer();
		this.f.postOrder(order(unique("o-"), email, first.code(), item(a.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(first.code()));
		this.f.postOrder(order(unique("o-"), email, last.code(), item(a.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(last.code()));

		PartnerSettings before = this.programs.settings();
		try {
			this.programs.updateSettings(withCredit(before, Credit.FIRST));
			MvcResult result = this.f.postOrder(order(unique("o-"), email, null, item(a.sku(), 1, "100.00")))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.commissions[0].partnerCode").value(first.code()))
				.andReturn();
			String reason = this.jdbc.sql("select reason from commission where id = :id")
				.param("id", (Integer) read(result, "$.commissions[0].id"))
				.query(String.class)
				.single();
			assertThat(reason).isEqualTo("tier 1: first referrer " + first.code());
		}
		finally {
			this.programs.updateSettings(before);
		}
	}

	static PartnerSettings withCredit(PartnerSettings s, Credit credit) {
		return new PartnerSettings(credit, s.defaultCurrency(), s.defaultFirstTierRate(), s.defaultSecondTierRate(),
				s.defaultCookieDays(), s.defaultApprovalDelayDays(), s.defaultMinimumPayout(), s.payoutSchedule(),
				s.payoutDay());
	}

	@Test
	void laterOrdersWithoutReferralAreCreditedFromTheContactsReferralInfo() throws Exception {
		ProductSummary a = this.f.product("50.00");
		ProgramSummary program = this.f.program(1, Rate.flat("2.50"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String email = buyer();
		this.f.postOrder(order(unique("o-"), email, partner.code(), item(a.sku(), 1, "50.00")))
			.andExpect(jsonPath("$.commissions", hasSize(1)));
		this.f.postOrder(order(unique("o-"), email.toUpperCase(), null, item(a.sku(), 2, "50.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(1)))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(partner.code()))
			.andExpect(jsonPath("$.commissions[0].amount").value("5.00"));
	}

	@Test
	void pendingOrSuspendedReferrersEarnNothing() throws Exception {
		ProductSummary a = this.f.product("50.00");
		ProgramSummary program = this.f.program(2, Rate.percent("10"), Rate.percent("10"));
		PartnerSummary pending = this.f.partner(program, null, PartnerStatus.PENDING);
		this.f.postOrder(order(unique("o-"), buyer(), pending.code(), item(a.sku(), 1, "50.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(0)));

		// referred while approved, suspended before the next order
		PartnerSummary parent = this.f.partner(program);
		PartnerSummary later = this.f.partner(program, parent, PartnerStatus.APPROVED);
		String email = buyer();
		this.f.postOrder(order(unique("o-"), email, later.code(), item(a.sku(), 1, "50.00")))
			.andExpect(jsonPath("$.commissions", hasSize(2)));
		this.partners.changeStatus(later.id(), PartnerStatus.SUSPENDED);
		this.f.postOrder(order(unique("o-"), email, null, item(a.sku(), 1, "50.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(0)));
	}

	@Test
	void suspendedParentLosesTierTwoOnly() throws Exception {
		ProductSummary a = this.f.product("50.00");
		ProgramSummary program = this.f.program(2, Rate.percent("10"), Rate.percent("10"));
		PartnerSummary parent = this.f.partner(program, null, PartnerStatus.SUSPENDED);
		PartnerSummary child = this.f.partner(program, parent, PartnerStatus.APPROVED);
		this.f.postOrder(order(unique("o-"), buyer(), child.code(), item(a.sku(), 1, "50.00")))
			.andExpect(jsonPath("$.commissions", hasSize(1)))
			.andExpect(jsonPath("$.commissions[0].tier").value(1));
	}

	@Test
	void aPartnerNeverEarnsOnHisOwnPurchase() throws Exception {
		ProductSummary a = this.f.product("50.00");
		ProgramSummary program = this.f.program(2, Rate.percent("10"), Rate.percent("10"));
		PartnerSummary parent = this.f.partner(program);
		PartnerSummary partner = this.f.partner(program, parent, PartnerStatus.APPROVED);
		String own = this.f.emailOf(partner);
		this.f.postOrder(order(unique("o-"), own, partner.code(), item(a.sku(), 1, "50.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.contactId").value((int) partner.contactId()))
			.andExpect(jsonPath("$.commissions", hasSize(0)));
		assertThat(this.contacts.findById(partner.contactId()).orElseThrow().lastReferrerId()).isNull();

		// the parent buying through his child's link: the child earns tier 1, the parent
		// no tier 2 on himself
		this.f.postOrder(order(unique("o-"), this.f.emailOf(parent), partner.code(), item(a.sku(), 1, "50.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(1)))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(partner.code()))
			.andExpect(jsonPath("$.commissions[0].tier").value(1));
	}

	@Test
	void replayReturnsTheSameResultAndAnotherBodyIsAConflict() throws Exception {
		ProductSummary a = this.f.product("20.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String orderId = unique("o-");
		String email = buyer();
		String body = order(orderId, email, partner.code(), item(a.sku(), 1, "20.00"));
		MvcResult first = this.f.postOrder(body).andExpect(status().isCreated()).andReturn();
		MvcResult again = this.f.postOrder(body).andExpect(status().isOk()).andReturn();
		assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		// same content, other formatting and case: still a replay
		this.f.postOrder(order(orderId, email.toUpperCase(), partner.code(), item(a.sku().toLowerCase(), 1, "20")))
			.andExpect(status().isOk());

		this.f.postOrder(order(orderId, email, partner.code(), item(a.sku(), 2, "20.00")))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail", containsString("different body")));
		assertThat(this.jdbc
			.sql("select count(*) from commission c join customer_order o on o.id = c.order_id "
					+ "where o.order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/**
	 * A replay learns that the order id is taken only after its contact upsert (one
	 * statement per step on the hot path): everything it wrote must roll back, whatever
	 * the body.
	 */
	@Test
	void aRefusedReplayChangesNoContact() throws Exception {
		ProductSummary a = this.f.product("20.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary first = this.f.partner(program);
		PartnerSummary other = this.f.partner(program);
		String orderId = unique("o-");
		String email = buyer();
		this.f.postOrder(order(orderId, email, first.code(), item(a.sku(), 1, "20.00")))
			.andExpect(status().isCreated());

		// same buyer, another referral: 409, and the buyer's last referrer stays the
		// first partner
		this.f.postOrder(order(orderId, email, other.code(), item(a.sku(), 1, "20.00")))
			.andExpect(status().isConflict());
		assertThat(this.contacts.findByEmail(email).orElseThrow().lastReferrerId()).isEqualTo(first.id());
		// another buyer: 409, and no contact was created for him
		String stranger = buyer();
		this.f.postOrder(order(orderId, stranger, other.code(), item(a.sku(), 1, "20.00")))
			.andExpect(status().isConflict());
		assertThat(this.contacts.findByEmail(stranger)).isEmpty();
		// an unknown sku on a known order id is the order's business (409), not a 400
		this.f.postOrder(order(orderId, email, first.code(), item("no-such-sku-" + unique(""), 1, "20.00")))
			.andExpect(status().isConflict());
		assertThat(this.jdbc
			.sql("select count(*) from commission c join customer_order o on o.id = c.order_id "
					+ "where o.order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void recurringChargesEarnWithinTheProgramsMonthsAndStopWhenClosed() throws Exception {
		ProductSummary a = this.f.product("30.00");
		ProductSummary b = this.f.product("10.00");
		ProgramSummary limited = this.f.program(1, Rate.percent("10"), Rate.percent("0"), true, 2, List.of());
		PartnerSummary partner = this.f.partner(limited);
		String orderId = unique("o-");
		this.f.postOrder("""
				{"orderId": "%s", "email": "%s", "referral": "%s", "currency": "USD", "recurring": true,
				 "occurredAt": "2026-01-10T00:00:00Z", "items": [%s, %s]}
				""".formatted(orderId, buyer(), partner.code(), item(a.sku(), 1, "30.00"), item(b.sku(), 1, "10.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(2)));
		this.f.get("/api/v1/orders/" + orderId).andExpect(jsonPath("$.status").value("open"));

		// 25.00 split 18.75 / 6.25 over the lines → 10 % = 1.88 (1.875 HALF_UP) and 0.63
		// (0.625)
		String charge = "{\"chargeId\": \"c1\", \"amount\": \"25.00\", \"occurredAt\": \"2026-02-10T00:00:00Z\"}";
		MvcResult charged = this.f.post("/api/v1/orders/" + orderId + "/charges", charge)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.chargeId").value("c1"))
			.andExpect(jsonPath("$.amount").value("25.00"))
			.andExpect(jsonPath("$.commissions", hasSize(2)))
			.andExpect(jsonPath("$.commissions[0].amount").value("1.88"))
			.andExpect(jsonPath("$.commissions[1].amount").value("0.63"))
			.andReturn();
		this.f.post("/api/v1/orders/" + orderId + "/charges", charge)
			.andExpect(status().isOk())
			.andExpect(content().string(charged.getResponse().getContentAsString()));
		this.f.post("/api/v1/orders/" + orderId + "/charges", charge.replace("25.00", "26.00"))
			.andExpect(status().isConflict());

		// two months after the first charge: recorded, but no commission
		this.f
			.post("/api/v1/orders/" + orderId + "/charges",
					"{\"chargeId\": \"c2\", \"amount\": \"25.00\", \"occurredAt\": \"2026-03-10T00:00:00Z\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(0)));

		this.f.post("/api/v1/orders/" + orderId + "/close", "")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("closed"));
		this.f.post("/api/v1/orders/" + orderId + "/charges", "{\"chargeId\": \"c3\", \"amount\": \"25.00\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("closed")));
		this.f.get("/api/v1/orders/" + orderId)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("closed"))
			.andExpect(jsonPath("$.charges", hasSize(2)))
			.andExpect(jsonPath("$.charged").value("90.00"))
			.andExpect(jsonPath("$.commissions", hasSize(4)));
	}

	@Test
	void programWithoutRecurringCommissionsEarnsOnlyTheInitialSale() throws Exception {
		ProductSummary a = this.f.product("30.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"), false, null, List.of());
		PartnerSummary partner = this.f.partner(program);
		String orderId = unique("o-");
		this.f.postOrder(order(orderId, buyer(), partner.code(), item(a.sku(), 1, "30.00")).replace("\"currency\"",
				"\"recurring\": true, \"currency\""))
			.andExpect(jsonPath("$.commissions", hasSize(1)));
		this.f.post("/api/v1/orders/" + orderId + "/charges", "{\"chargeId\": \"c1\", \"amount\": \"30.00\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(0)));
	}

	@Test
	void chargesNeedAnOpenRecurringOrder() throws Exception {
		ProductSummary a = this.f.product("30.00");
		String orderId = unique("o-");
		this.f.postOrder(order(orderId, buyer(), null, item(a.sku(), 1, "30.00"))).andExpect(status().isCreated());
		this.f.post("/api/v1/orders/" + orderId + "/charges", "{\"chargeId\": \"c1\", \"amount\": \"30.00\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("not recurring")));
		this.f.post("/api/v1/orders/" + unique("nope-") + "/charges", "{\"chargeId\": \"c1\", \"amount\": \"1.00\"}")
			.andExpect(status().isNotFound());
		this.f.post("/api/v1/orders/" + unique("nope-") + "/close", "").andExpect(status().isNotFound());
		this.f.post("/api/v1/orders/" + orderId + "/charges", "{\"chargeId\": \"c1\", \"amount\": \"-1\"}")
			.andExpect(status().isBadRequest());
	}

	@Test
	void fullRefundOfUnpaidCommissionsMarksThemRefunded() throws Exception {
		ProductSummary a = this.f.product("40.00");
		ProgramSummary program = this.f.program(2, Rate.percent("25"), Rate.percent("5"));
		PartnerSummary parent = this.f.partner(program);
		PartnerSummary partner = this.f.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = unique("o-");
		this.f.postOrder(order(orderId, buyer(), partner.code(), item(a.sku(), 1, "40.00")))
			.andExpect(jsonPath("$.commissions", hasSize(2)));
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.amount").value("40.00"))
			.andExpect(jsonPath("$.commissions", hasSize(2)))
			.andExpect(jsonPath("$.commissions[0].status").value("refunded"))
			.andExpect(jsonPath("$.commissions[0].amount").value("10.00"))
			.andExpect(jsonPath("$.commissions[1].status").value("refunded"));
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\"}").andExpect(status().isOk());
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r2\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("fully refunded")));
	}

	@Test
	void partialRefundReducesUnpaidCommissionsAndRecordsTheAdjustment() throws Exception {
		ProductSummary a = this.f.product("30.00");
		ProductSummary b = this.f.product("10.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String orderId = unique("o-");
		MvcResult placed = this.f
			.postOrder(order(orderId, buyer(), partner.code(),
					item(a.sku(), 1, "30.00") + "," + item(b.sku(), 1, "10.00")))
			.andExpect(jsonPath("$.commissions[0].amount").value("3.00"))
			.andExpect(jsonPath("$.commissions[1].amount").value("1.00"))
			.andReturn();
		// 10.00 of 40.00: 7.50 of line A and 2.50 of line B → commissions lose 0.75 and
		// 0.25
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"10.00\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(2)))
			.andExpect(jsonPath("$.commissions[0].amount").value("2.25"))
			.andExpect(jsonPath("$.commissions[0].status").value("pending"))
			.andExpect(jsonPath("$.commissions[1].amount").value("0.75"));
		Integer id = read(placed, "$.commissions[0].id");
		Map<String, Object> adjustment = this.jdbc.sql(
				"select amount_before, amount_after, status_after from commission_adjustment where commission_id = :id")
			.param("id", id)
			.query()
			.singleRow();
		assertThat((BigDecimal) adjustment.get("amount_before")).isEqualByComparingTo("3.00");
		assertThat((BigDecimal) adjustment.get("amount_after")).isEqualByComparingTo("2.25");
		assertThat(adjustment.get("status_after")).isEqualTo("pending");
		assertThat(this.jdbc.sql("select original_amount from commission where id = :id")
			.param("id", id)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("3.00");

		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r2\", \"amount\": \"30.01\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("exceeds")));
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"11.00\"}")
			.andExpect(status().isConflict());
		// the rest: everything left goes, status refunded
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r3\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.amount").value("30.00"))
			.andExpect(jsonPath("$.commissions[0].status").value("refunded"))
			.andExpect(jsonPath("$.commissions[1].status").value("refunded"));
	}

	@Test
	void refundAfterPaymentCreatesANegativeClawbackAndLeavesDeclinedAlone() throws Exception {
		ProductSummary a = this.f.product("100.00");
		ProgramSummary program = this.f.program(2, Rate.percent("20"), Rate.percent("10"));
		PartnerSummary parent = this.f.partner(program);
		PartnerSummary partner = this.f.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = unique("o-");
		MvcResult placed = this.f.postOrder(order(orderId, buyer(), partner.code(), item(a.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions", hasSize(2)))
			.andReturn();
		Integer paid = read(placed, "$.commissions[0].id");
		Integer declined = read(placed, "$.commissions[1].id");
		this.jdbc.sql("update commission set status = 'paid', paid_at = now() where id = :id")
			.param("id", paid)
			.update();
		this.jdbc.sql("update commission set status = 'declined' where id = :id").param("id", declined).update();

		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"25.00\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(1)))
			.andExpect(jsonPath("$.commissions[0].amount").value("-5.00"))
			.andExpect(jsonPath("$.commissions[0].status").value("approved"))
			.andExpect(jsonPath("$.commissions[0].clawbackOf").value(paid));
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r2\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions[0].amount").value("-15.00"));

		Map<String, Object> original = this.jdbc.sql("select amount, status from commission where id = :id")
			.param("id", paid)
			.query()
			.singleRow();
		assertThat((BigDecimal) original.get("amount")).isEqualByComparingTo("20.00");
		assertThat(original.get("status")).isEqualTo("paid");
		assertThat(this.jdbc.sql("select status from commission where id = :id")
			.param("id", declined)
			.query(String.class)
			.single()).isEqualTo("declined");
		assertThat(this.jdbc.sql("select sum(amount) from commission where clawback_of = :id")
			.param("id", paid)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("-20.00");
	}

	@Test
	void badInputIsAProblem400() throws Exception {
		ProductSummary a = this.f.product("10.00");
		this.f
			.postOrder(order(unique("o-"), buyer(), null, item(a.sku(), 1, "10.00")).replace("\"currency\"",
					"\"coupon\": \"X\", \"currency\""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail", containsString("coupon")));
		this.f
			.postOrder(
					order(unique("o-"), buyer(), null, item(a.sku(), 1, "10.00") + "," + item("NO-SUCH-SKU", 1, "1")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items[1].sku"));
		this.f.postOrder(order(unique("o-"), buyer(), null, item(a.sku(), 0, "10.00")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"));
		this.f.postOrder(order(unique("o-"), buyer(), null, item(a.sku(), -2, "10.00")))
			.andExpect(status().isBadRequest());
		this.f.postOrder(order(unique("o-"), buyer(), null, item(a.sku(), 1, "-1.00")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items[0].unitPrice"));
		this.f.postOrder(order(unique("o-"), buyer(), null, item(a.sku(), 1, "1.001")))
			.andExpect(status().isBadRequest());
		this.f.postOrder(order(unique("o-"), buyer(), null, ""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items"));
		this.f.postOrder(order(unique("o-"), "not-an-email", null, item(a.sku(), 1, "10.00")))
			.andExpect(status().isBadRequest());
		this.f.postOrder("{\"orderId\": \"x\", \"items\": [{\"sku\": \"A\", \"quantity\": \"many\"}]}")
			.andExpect(status().isBadRequest());
		this.f.postOrder("{not json").andExpect(status().isBadRequest());
		this.f.postOrder(order(unique("o-"), buyer(), null, "null")).andExpect(status().isBadRequest());
	}

	@Test
	void apiNeedsTheKeyAndUnknownOrdersAre404() throws Exception {
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/orders")
				.contentType("application/json")
				.content("{}"))
			.andExpect(status().isUnauthorized());
		this.f.get("/api/v1/orders/" + unique("missing-"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

}
