package dev.partnerhub.payouts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.payouts.domain.PayoutQueries;
import dev.partnerhub.payouts.domain.PayoutSchedule;
import dev.partnerhub.payouts.domain.PayoutViews.Line;
import dev.partnerhub.payouts.domain.PayoutViews.Preview;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PayoutIntegrationTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	ProgramApi programApi;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PayoutQueries queries;

	@Autowired
	PayoutApi payoutApi;

	PayoutFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new PayoutFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
	}

	/**
	 * A: 3 approved sales + a clawback of a paid one (20.00 ≥ 20), B: 10.00 < 20, C:
	 * 30.00 without payout e-mail.
	 */
	record Scenario(ProgramSummary program, PartnerSummary payable, PartnerSummary below, PartnerSummary blocked,
			PartnerSummary excluded) {
	}

	Scenario scenario() throws Exception {
		ProgramSummary program = this.f.program("20.00");
		PartnerSummary a = this.f.partner(program, true);
		PartnerSummary b = this.f.partner(program, true);
		PartnerSummary c = this.f.partner(program, false);
		PartnerSummary d = this.f.partner(program, true);
		String refunded = this.f.sale(a);
		this.f.setStatus(refunded, "paid");
		this.f.sales(a, 3);
		this.f.approve(a);
		// The paid sale is refunded: a -10.00 clawback, approved, deducted from this
		// payout.
		this.f.orders.post("/api/v1/orders/" + refunded + "/refunds", "{\"refundId\": \"r1\"}")
			.andExpect(status().isCreated());
		this.f.sale(a); // stays pending: not in the balance
		this.f.sales(b, 1);
		this.f.approve(b);
		this.f.sales(c, 3);
		this.f.approve(c);
		// D has only pending, declined, paid and refunded commissions: nothing to pay.
		this.f.sale(d);
		this.f.setStatus(this.f.sale(d), "declined");
		this.f.setStatus(this.f.sale(d), "paid");
		this.f.setStatus(this.f.sale(d), "refunded");
		return new Scenario(program, a, b, c, d);
	}

	@Test
	void previewSumsClawbacksRespectsMinimumAndListsBlockedPartners() throws Exception {
		Scenario s = scenario();
		Preview preview = this.queries.preview(s.program().id());
		assertThat(preview.payable()).extracting(Line::partnerCode).containsExactly(s.payable().code());
		assertThat(preview.payable().get(0).amount()).isEqualByComparingTo("20.00");
		assertThat(preview.payable().get(0).commissionCount()).isEqualTo(4);
		assertThat(preview.payable().get(0).payoutEmail()).isEqualTo(s.payable().code() + "@paypal.example.com");
		assertThat(preview.blocked()).extracting(Line::partnerCode).containsExactly(s.blocked().code());
		assertThat(preview.blocked().get(0).amount()).isEqualByComparingTo("30.00");
		assertThat(preview.belowMinimum()).extracting(Line::partnerCode).containsExactly(s.below().code());
		assertThat(preview.belowMinimum().get(0).amount()).isEqualByComparingTo("10.00");

		String page = this.mvc.perform(get("/admin/payouts/new?program=" + s.program().id()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"payable-count\">1<", "id=\"blocked-count\">1<", "id=\"below-count\">1<")
			.contains("data-partner=\"" + s.payable().code() + "\" data-amount=\"20.00\"")
			.contains("data-partner=\"" + s.blocked().code() + "\" data-amount=\"30.00\"")
			.doesNotContain(s.excluded().code());
		// a bad program parameter is a message, not an error
		this.mvc.perform(get("/admin/payouts/new?program=nope").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Unknown program")));
	}

	@Test
	void createPayExportAndRefuseToCancelAPaidBatch() throws Exception {
		Scenario s = scenario();
		MvcResult created = this.f.orders.post("/api/v1/payouts", "{\"program\": \"" + s.program().name() + "\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("created"))
			.andExpect(jsonPath("$.total").value("20.00"))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].partnerCode").value(s.payable().code()))
			.andExpect(jsonPath("$.items[0].payoutEmail").value(s.payable().code() + "@paypal.example.com"))
			.andExpect(jsonPath("$.items[0].amount").value("20.00"))
			.andExpect(jsonPath("$.items[0].currency").value("USD"))
			.andExpect(jsonPath("$.blocked", hasSize(1)))
			.andExpect(jsonPath("$.blocked[0].partnerCode").value(s.blocked().code()))
			.andReturn();
		long id = ((Number) read(created, "$.id")).longValue();
		long itemId = ((Number) read(created, "$.items[0].id")).longValue();
		assertConsistent(id);
		// Independently: the batch holds exactly A's approved commissions (clawback
		// included).
		BigDecimal approvedOfA = this.jdbc.sql("""
				select sum(amount) from commission where partner_id = :p and status = 'approved'
				""").param("p", s.payable().id()).query(BigDecimal.class).single();
		assertThat(approvedOfA).isEqualByComparingTo("20.00");

		// Everything payable is taken: a second batch has nothing to pay.
		this.f.orders.post("/api/v1/payouts", "{\"program\": \"" + s.program().name() + "\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("Nothing to pay")));

		String csv = this.f.orders.get("/api/v1/payouts/" + id + "/paypal.csv")
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("text/csv")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).isEqualTo(s.payable().code() + "@paypal.example.com,20.00,USD,ph-" + id + "-" + itemId
				+ ",\"Partner commissions, payout " + id + "\"\r\n");
		String generic = this.mvc.perform(get("/admin/payouts/" + id + ".csv").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(generic.lines().toList()).hasSize(2);
		assertThat(generic).startsWith("partner_code,name,email,payout_email,amount,currency,commissions")
			.contains(s.payable().code() + ",Pat " + s.payable().code() + "," + s.payable().code()
					+ "@partners.example.com," + s.payable().code() + "@paypal.example.com,20.00,USD,4,created");

		MvcResult paid = this.f.orders.post("/api/v1/payouts/" + id + "/paid", "")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("paid"))
			.andExpect(jsonPath("$.items[0].status").value("paid"))
			.andReturn();
		assertThat(linkedCommissionStatuses(id)).containsOnlyKeys("paid").containsEntry("paid", 4L);
		assertThat(this.jdbc.sql("""
				select count(*) from commission c join payout_item_commission l on l.commission_id = c.id
				join payout_item i on i.id = l.item_id where i.batch_id = :b and c.paid_at is null
				""").param("b", id).query(Long.class).single()).isZero();
		// Idempotent: same answer, nothing changes.
		String again = this.f.orders.post("/api/v1/payouts/" + id + "/paid", "")
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(again).isEqualTo(paid.getResponse().getContentAsString());
		this.f.orders.post("/api/v1/payouts/" + id + "/cancel", "").andExpect(status().isConflict());
		assertConsistent(id);
		assertThat(auditCount(id)).isEqualTo(2); // create, mark paid (the replay records
													// nothing)
	}

	@Test
	void cancelReleasesCommissionsForALaterBatch() throws Exception {
		Scenario s = scenario();
		long first = create(s.program());
		this.f.orders.post("/api/v1/payouts/" + first + "/cancel", "")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("cancelled"))
			.andExpect(jsonPath("$.items[0].status").value("cancelled"));
		this.f.orders.post("/api/v1/payouts/" + first + "/cancel", "").andExpect(status().isOk());
		this.f.orders.post("/api/v1/payouts/" + first + "/paid", "").andExpect(status().isConflict());
		this.f.orders.get("/api/v1/payouts/" + first + "/paypal.csv").andExpect(status().isConflict());
		assertThat(linkedCommissionStatuses(first)).containsOnlyKeys("approved");

		long second = create(s.program());
		assertThat(second).isNotEqualTo(first);
		this.f.orders.get("/api/v1/payouts/" + second)
			.andExpect(jsonPath("$.total").value("20.00"))
			.andExpect(jsonPath("$.items[0].partnerCode").value(s.payable().code()));
		assertConsistent(second);
		this.f.orders.post("/api/v1/payouts/" + second + "/paid", "").andExpect(status().isOk());
		assertThat(linkedCommissionStatuses(second)).containsOnlyKeys("paid");
	}

	/**
	 * The dashboard's payable sum comes from the per-partner totals commissions keeps,
	 * less what unpaid batches hold; a batch takes commissions one by one. Both must
	 * agree through a batch's life.
	 */
	@Test
	void payableFromTheTotalsIsWhatABatchWouldPay() throws Exception {
		Scenario s = scenario();
		assertPayableAgrees(s.program(), "20.00");
		long batch = create(s.program());
		assertPayableAgrees(s.program(), null);
		this.f.sales(s.below(), 2);
		this.f.approve(s.below());
		this.f.sales(s.payable(), 1);
		this.f.approve(s.payable());
		// B now 30.00; A's new sale and the one left pending, 20.00, while its first
		// 20.00
		// waits in the batch
		assertPayableAgrees(s.program(), "50.00");
		this.f.orders.post("/api/v1/payouts/" + batch + "/paid", "").andExpect(status().isOk());
		assertPayableAgrees(s.program(), "50.00");
		long second = create(s.program());
		assertPayableAgrees(s.program(), null);
		this.f.orders.post("/api/v1/payouts/" + second + "/cancel", "").andExpect(status().isOk());
		assertPayableAgrees(s.program(), "50.00");
	}

	/**
	 * Issue 15: the payable sum and the batch share one rule of which balances are paid
	 * ({@code PayoutQueries.PAYABLE}). Balances the batch skips (a suspended partner, one
	 * back to pending) and counts (a second currency, a partner who moved into the
	 * program): a filter added to only one of the two shows here.
	 */
	@Test
	void payableFromTheTotalsSkipsAndCountsWhatABatchDoes() throws Exception {
		ProgramSummary program = this.f.program("20.00");
		ProgramSummary other = this.f.program("20.00");
		PartnerSummary usd = this.f.partner(program, true);
		PartnerSummary eur = this.f.partner(program, true);
		PartnerSummary suspended = this.f.partner(program, true);
		PartnerSummary pending = this.f.partner(program, true);
		PartnerSummary movedIn = this.f.partner(other, true);
		PartnerSummary movedOut = this.f.partner(program, true);
		for (PartnerSummary partner : List.of(usd, eur, suspended, pending, movedIn, movedOut)) {
			this.f.sales(partner, 3);
			this.f.approve(partner);
		}
		// a balance in another currency than the program's
		this.jdbc.sql("update commission set currency = 'EUR' where partner_id = :p").param("p", eur.id()).update();
		this.partners.changeStatus(suspended.id(), PartnerStatus.SUSPENDED);
		this.partners.changeStatus(pending.id(), PartnerStatus.PENDING);
		this.partners.changeProgram(movedIn.id(), program.id());
		this.partners.changeProgram(movedOut.id(), other.id());

		assertPayable(program, Map.of("USD", "60.00", "EUR", "30.00"));
		assertPayable(other, Map.of("USD", "30.00"));
		// a batch in one currency (the filter's :currency) takes the USD balances only
		MvcResult batch = this.f.orders
			.post("/api/v1/payouts", "{\"program\": \"" + program.name() + "\", \"currency\": \"USD\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.total").value("60.00"))
			.andReturn();
		assertPayable(program, Map.of("EUR", "30.00"));
		this.f.orders.post("/api/v1/payouts/" + read(batch, "$.id") + "/cancel", "").andExpect(status().isOk());
		this.partners.changeStatus(suspended.id(), PartnerStatus.APPROVED);
		assertPayable(program, Map.of("USD", "90.00", "EUR", "30.00"));
	}

	private void assertPayableAgrees(ProgramSummary program, String expectedUsd) {
		assertPayable(program, (expectedUsd != null) ? Map.of("USD", expectedUsd) : Map.of());
	}

	/** What the totals say is payable is what the batch rule pays, and is as expected. */
	private void assertPayable(ProgramSummary program, Map<String, String> expected) {
		Map<String, BigDecimal> fromBatchRule = new java.util.TreeMap<>();
		this.queries.preview(program.id())
			.payable()
			.forEach(line -> fromBatchRule.merge(line.currency(), line.amount(), BigDecimal::add));
		Map<String, BigDecimal> fromTotals = this.payoutApi.payableByCurrency(program.id());
		assertThat(fromTotals.keySet()).as("currencies from the totals").isEqualTo(fromBatchRule.keySet());
		fromBatchRule.forEach((currency, amount) -> assertThat(fromTotals.get(currency)).as(currency + " payable")
			.isEqualByComparingTo(amount));
		assertThat(fromTotals.keySet()).isEqualTo(expected.keySet());
		expected.forEach((currency, amount) -> assertThat(fromTotals.get(currency)).isEqualByComparingTo(amount));
	}

	@Test
	void itemsArePaidOneByOneThenTheBatchIsPaid() throws Exception {
		ProgramSummary program = this.f.program("0");
		PartnerSummary a = this.f.partner(program, true);
		PartnerSummary b = this.f.partner(program, true);
		this.f.sales(a, 2);
		this.f.sales(b, 1);
		this.f.approve(a);
		this.f.approve(b);
		long id = create(program);
		List<Long> items = this.jdbc.sql("select id from payout_item where batch_id = :b order by amount desc")
			.param("b", id)
			.query(Long.class)
			.list();
		assertThat(items).hasSize(2);
		this.mvc.perform(post("/admin/payouts/" + id + "/items/" + items.get(0) + "/paid").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.f.orders.get("/api/v1/payouts/" + id)
			.andExpect(jsonPath("$.status").value("created"))
			.andExpect(jsonPath("$.items[0].status").value("paid"))
			.andExpect(jsonPath("$.items[1].status").value("created"));
		assertThat(paidCount(a)).isEqualTo(2);
		assertThat(paidCount(b)).isZero();
		// a partly paid batch cannot be cancelled
		this.f.orders.post("/api/v1/payouts/" + id + "/cancel", "").andExpect(status().isConflict());
		this.f.orders.post("/api/v1/payouts/" + id + "/items/" + items.get(1) + "/paid", "")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("paid"));
		assertThat(paidCount(b)).isEqualTo(1);
		this.f.orders.post("/api/v1/payouts/" + id + "/items/" + items.get(1) + "/paid", "").andExpect(status().isOk());
		this.f.orders.post("/api/v1/payouts/" + id + "/items/999999999/paid", "").andExpect(status().isNotFound());
		assertConsistent(id);
	}

	@Test
	void consoleCreatesShowsAndPaysABatch() throws Exception {
		Scenario s = scenario();
		String location = this.mvc
			.perform(post("/admin/payouts").param("program", String.valueOf(s.program().id())).with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/admin/payouts/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(location).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(s.payable().code())))
			.andExpect(content().string(containsString("PayPal CSV")))
			.andExpect(content().string(containsString("data-confirm")));
		this.mvc.perform(get(location + "/paypal.csv").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(s.payable().code() + "@paypal.example.com,20.00,USD")));
		this.mvc.perform(get("/admin/payouts").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"" + location + "\"")));
		// nothing left: back to the preview with a message, not an error
		this.mvc
			.perform(post("/admin/payouts").param("program", String.valueOf(s.program().id())).with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/admin/payouts/new*"));
		this.mvc.perform(post(location + "/paid").with(ADMIN)).andExpect(status().isForbidden()); // no
																									// CSRF
																									// token
		this.mvc.perform(post(location + "/paid").with(ADMIN).with(csrf())).andExpect(status().is3xxRedirection());
		this.mvc.perform(get(location).with(ADMIN)).andExpect(content().string(not(containsString("Cancel batch"))));
	}

	@Test
	void apiAndConsoleAnswerBadRequestsWithoutErrors() throws Exception {
		this.f.orders.post("/api/v1/payouts", "{\"program\": \"no such program 0xyz\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("program"));
		this.f.orders.post("/api/v1/payouts", "{\"programme\": \"x\"}").andExpect(status().isBadRequest());
		this.f.orders.post("/api/v1/payouts", "[1,2").andExpect(status().isBadRequest());
		this.mvc.perform(post("/api/v1/payouts").contentType("application/json").content("{}"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/payouts/1/paypal.csv")).andExpect(status().isUnauthorized());
		this.f.orders.get("/api/v1/payouts/999999999").andExpect(status().isNotFound());
		this.f.orders.get("/api/v1/payouts/999999999/paypal.csv").andExpect(status().isNotFound());
		this.f.orders.post("/api/v1/payouts/999999999/paid", "").andExpect(status().isNotFound());
		this.f.orders.post("/api/v1/payouts/abc/paid", "").andExpect(status().isBadRequest());
		this.f.orders.get("/api/v1/payouts/99999999999999999999999").andExpect(status().isBadRequest());

		this.mvc.perform(get("/admin/payouts/999999999").with(ADMIN)).andExpect(status().isNotFound());
		this.mvc.perform(get("/admin/payouts/999999999.csv").with(ADMIN)).andExpect(status().isNotFound());
		this.mvc.perform(get("/admin/payouts/abc").with(ADMIN)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/admin/payouts?page=-3").with(ADMIN)).andExpect(status().isOk());
		long batches = this.jdbc.sql("select count(*) from payout_batch").query(Long.class).single();
		this.mvc.perform(post("/admin/payouts").param("program", "999999999").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/admin/payouts/new*"));
		assertThat(this.jdbc.sql("select count(*) from payout_batch").query(Long.class).single()).isEqualTo(batches);
		RequestPostProcessor partner = user("partner@test.local").roles("PARTNER");
		this.mvc.perform(get("/admin/payouts").with(partner)).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/payouts/new").with(partner)).andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/payouts").with(partner).with(csrf())).andExpect(status().isForbidden());
	}

	@Test
	void nextPaymentUsesTheScheduleAndTheUnbatchedBalance() throws Exception {
		ProgramSummary program = this.f.program("25.00");
		PartnerSummary partner = this.f.partner(program, true);
		this.f.sales(partner, 2);
		this.f.approve(partner);
		this.f.sale(partner); // pending: not counted
		PartnerSettings settings = this.programApi.settings();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		NextPayment next = this.payoutApi.nextPayment(partner.id()).orElseThrow();
		assertThat(next.date()).isEqualTo(PayoutSchedule.next(settings.payoutSchedule(), settings.payoutDay(), today));
		assertThat(next.date()).isAfter(today);
		assertThat(next.amount()).isEqualByComparingTo("20.00");
		assertThat(next.currency()).isEqualTo("USD");
		assertThat(next.belowMinimum()).isTrue();
		this.f.sales(partner, 1);
		this.f.approve(partner);
		next = this.payoutApi.nextPayment(partner.id()).orElseThrow();
		assertThat(next.amount()).isEqualByComparingTo("40.00");
		assertThat(next.belowMinimum()).isFalse();
		// once batched, the balance is no longer "next"
		create(program);
		assertThat(this.payoutApi.nextPayment(partner.id()).orElseThrow().amount()).isEqualByComparingTo("0.00");
		assertThat(this.payoutApi.nextPayment(-1)).isEmpty();
	}

	long create(ProgramSummary program) throws Exception {
		MvcResult result = this.f.orders.post("/api/v1/payouts", "{\"program\": \"" + program.name() + "\"}")
			.andExpect(status().isCreated())
			.andReturn();
		return ((Number) read(result, "$.id")).longValue();
	}

	private long paidCount(PartnerSummary partner) {
		return this.jdbc
			.sql("select count(*) from commission where partner_id = :p and status = 'paid' and paid_at is not null")
			.param("p", partner.id())
			.query(Long.class)
			.single();
	}

	private long auditCount(long batchId) {
		return this.jdbc
			.sql("select count(*) from audit_entry where subject_type = 'payout_batch' and subject_id = :id")
			.param("id", String.valueOf(batchId))
			.query(Long.class)
			.single();
	}

	Map<String, Long> linkedCommissionStatuses(long batchId) {
		Map<String, Long> result = new java.util.TreeMap<>();
		this.jdbc.sql("""
				select c.status, count(*) as n from payout_item_commission l join payout_item i on i.id = l.item_id
				join commission c on c.id = l.commission_id where i.batch_id = :b group by c.status
				""").param("b", batchId).query((rs, n) -> result.put(rs.getString(1), rs.getLong(2))).list();
		return result;
	}

	/**
	 * Batch total = Σ items = Σ of the commissions' current amounts, computed
	 * independently of the app's queries.
	 */
	void assertConsistent(long batchId) {
		Map<String, Object> row = this.jdbc.sql("""
				select b.total,
				       (select coalesce(sum(amount), 0) from payout_item where batch_id = b.id) as items,
				       (select coalesce(sum(c.amount), 0) from payout_item_commission l
				          join payout_item i on i.id = l.item_id join commission c on c.id = l.commission_id
				         where i.batch_id = b.id) as commissions,
				       (select count(*) from payout_item i where i.batch_id = b.id and i.amount <> (
				          select sum(c.amount) from payout_item_commission l join commission c on c.id = l.commission_id
				           where l.item_id = i.id)) as bad_items
				from payout_batch b where b.id = :b
				""").param("b", batchId).query().singleRow();
		assertThat((BigDecimal) row.get("total")).isEqualByComparingTo((BigDecimal) row.get("items"));
		assertThat((BigDecimal) row.get("total")).isEqualByComparingTo((BigDecimal) row.get("commissions"));
		assertThat(((Number) row.get("bad_items")).longValue()).isZero();
	}

}
