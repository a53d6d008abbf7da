package dev.partnerhub.orders.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.CouponService;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code couponCode} on {@code POST /api/v1/orders}: an active coupon of an approved
 * partner credits him (and his parent at tier 2) whatever the referral or the buyer's
 * referral info; anything else falls back to the usual rules.
 */
@IntegrationTest
class OrderCouponTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	CouponService coupons;

	@Autowired
	OrderService orders;

	@Autowired
	OrderPlacement placement;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	OrderFixtures f;

	ProductSummary product;

	ProgramSummary program;

	@BeforeEach
	void setUp() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		this.product = this.f.product("100.00");
		this.program = this.f.program(2, Rate.percent("10"), Rate.percent("5"));
	}

	static String buyer() {
		return unique("cbuyer") + "@customers.example.com";
	}

	static String order(String orderId, String email, String referral, String coupon, boolean recurring, String items) {
		return """
				{"orderId": "%s", "email": "%s", %s %s "currency": "USD", "recurring": %s, "items": [%s]}
				""".formatted(orderId, email, referral == null ? "" : "\"referral\": \"" + referral + "\",",
				coupon == null ? "" : "\"couponCode\": \"" + coupon + "\",", recurring, items);
	}

	String reason(MvcResult result, int index) throws Exception {
		return this.jdbc.sql("select reason from commission where id = :id")
			.param("id", (Integer) read(result, "$.commissions[" + index + "].id"))
			.query(String.class)
			.single();
	}

	@Test
	void anActiveCouponWinsOverTheReferralAndTheBuyersReferralInfo() throws Exception {
		PartnerSummary parent = this.f.partner(this.program);
		PartnerSummary owner = this.f.partner(this.program, parent, PartnerStatus.APPROVED);
		PartnerSummary cookie = this.f.partner(this.program);
		String code = unique("Coup");
		this.coupons.create(owner.id(), code, null);
		String email = buyer();
		// the buyer was referred by "cookie" before
		this.f.postOrder(order(unique("o-"), email, cookie.code(), null, false, item(this.product.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(cookie.code()));

		MvcResult result = this.f
			.postOrder(order(unique("o-"), email, cookie.code(), code.toLowerCase(), false,
					item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(2)))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(owner.code()))
			.andExpect(jsonPath("$.commissions[0].tier").value(1))
			.andExpect(jsonPath("$.commissions[0].amount").value("10.00"))
			.andExpect(jsonPath("$.commissions[1].partnerCode").value(parent.code()))
			.andExpect(jsonPath("$.commissions[1].tier").value(2))
			.andExpect(jsonPath("$.commissions[1].amount").value("5.00"))
			.andReturn();
		assertThat(reason(result, 0)).isEqualTo("tier 1: coupon " + code + " of " + owner.code());
		assertThat(reason(result, 1)).isEqualTo("tier 2: parent of " + owner.code() + " (coupon " + code + ")");
		// for that order only: the next order without a coupon follows the referral info
		// again
		this.f.postOrder(order(unique("o-"), email, null, null, false, item(this.product.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(cookie.code()));
	}

	@Test
	void aDisabledUnknownOrSuspendedCouponFallsBackToTheUsualRules() throws Exception {
		PartnerSummary owner = this.f.partner(this.program);
		PartnerSummary referrer = this.f.partner(this.program);
		String disabled = unique("Off");
		this.coupons.create(owner.id(), disabled, null);
		this.coupons.disable(owner.id(), disabled);
		this.f
			.postOrder(order(unique("o-"), buyer(), referrer.code(), disabled, false,
					item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(1)))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(referrer.code()));
		// unknown: the referral decides; no referral at all: nobody
		this.f
			.postOrder(order(unique("o-"), buyer(), referrer.code(), unique("NOPE"), false,
					item(this.product.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(referrer.code()));
		this.f.postOrder(order(unique("o-"), buyer(), null, disabled, false, item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(0)));
		// a suspended partner's coupon credits nobody by the coupon either
		PartnerSummary suspended = this.f.partner(this.program);
		String his = unique("Susp");
		this.coupons.create(suspended.id(), his, null);
		this.partners.changeStatus(suspended.id(), PartnerStatus.SUSPENDED);
		this.f
			.postOrder(order(unique("o-"), buyer(), referrer.code(), his, false, item(this.product.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(referrer.code()));
	}

	@Test
	void theOwnerNeverEarnsOnHisOwnPurchaseWithHisCoupon() throws Exception {
		PartnerSummary owner = this.f.partner(this.program);
		String code = unique("Self");
		this.coupons.create(owner.id(), code, null);
		this.f
			.postOrder(order(unique("o-"), this.f.emailOf(owner), null, code, false,
					item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(0)));
	}

	@Test
	void recurringChargesOfACouponOrderCreditTheCouponsPartner() throws Exception {
		PartnerSummary owner = this.f.partner(this.program);
		PartnerSummary referrer = this.f.partner(this.program);
		String code = unique("Rec");
		this.coupons.create(owner.id(), code, null);
		String orderId = unique("o-");
		String email = buyer();
		this.f.postOrder(order(orderId, email, referrer.code(), code, true, item(this.product.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(owner.code()));
		// later the coupon is disabled: the order keeps its attribution, as with a
		// referral
		this.coupons.disable(owner.id(), code);
		MvcResult charge = this.f
			.post("/api/v1/orders/" + orderId + "/charges", "{\"chargeId\": \"ch-1\", \"amount\": \"50.00\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(owner.code()))
			.andExpect(jsonPath("$.commissions[0].amount").value("5.00"))
			.andReturn();
		assertThat(reason(charge, 0)).isEqualTo("tier 1: coupon " + code + " of " + owner.code() + ", charge ch-1");
		assertThat(this.jdbc.sql("select coupon_code from customer_order where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.single()).isEqualTo(code);
	}

	@Test
	void theCouponIsPartOfTheReplayedBody() throws Exception {
		PartnerSummary owner = this.f.partner(this.program);
		String code = unique("Rep");
		this.coupons.create(owner.id(), code, null);
		String orderId = unique("o-");
		String email = buyer();
		String body = order(orderId, email, null, code, false, item(this.product.sku(), 1, "100.00"));
		this.f.postOrder(body).andExpect(status().isCreated());
		this.f.postOrder(body).andExpect(status().isOk()).andExpect(jsonPath("$.commissions", hasSize(1)));
		this.f.postOrder(order(orderId, email, null, code.toUpperCase(), false, item(this.product.sku(), 1, "100")))
			.andExpect(status().isOk());
		this.f.postOrder(order(orderId, email, null, null, false, item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isConflict());
		this.f.postOrder(order(orderId, email, null, "x".repeat(65), false, item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isBadRequest());
	}

	/**
	 * The group commit asks for the coupons of a whole batch in one read: twelve orders
	 * with one code scan the coupon table once (a lookup per order would scan it twelve
	 * times).
	 */
	@Test
	void aBatchLooksItsCouponsUpOnce() {
		PartnerSummary owner = this.f.partner(this.program);
		String code = unique("B");
		this.coupons.create(owner.id(), code, null);
		List<PlaceOrder> batch = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			batch.add(new PlaceOrder(unique("ob-"), buyer(), null, null, null, null, "USD", false,
					List.of(new PlaceOrder.Item(this.product.sku(), 1, new java.math.BigDecimal("100.00"))),
					i % 2 == 0 ? code : code.toLowerCase()));
		}
		List<NewOrderRequest> requests = batch.stream()
			.map(c -> new NewOrderRequest(c, c.orderId(), RequestHash.of(c)))
			.toList();
		long scans = new TransactionTemplate(this.transactionManager).execute(status -> {
			// the backend's not yet flushed counts include earlier transactions': the
			// difference is this batch's
			long before = couponTableScans();
			List<OrderService.Placed> placed = this.placement.placeAll(requests);
			assertThat(placed).allSatisfy(p -> assertThat(p.commissions()).singleElement()
				.satisfies(c -> assertThat(c.partnerId()).isEqualTo(owner.id())));
			return couponTableScans() - before;
		});
		assertThat(scans).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				select count(*) from customer_order where order_id = any(:ids) and coupon_code = :code
				""")
			.param("ids", batch.stream().map(PlaceOrder::orderId).toArray(String[]::new))
			.param("code", code)
			.query(Long.class)
			.single()).isEqualTo(12);
	}

	private long couponTableScans() {
		return this.jdbc.sql("""
				select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)
				from pg_stat_xact_user_tables where relname = 'partner_coupon'
				""").query(Long.class).single();
	}

	/**
	 * Through the group commit: concurrent coupon orders each credit their own coupon's
	 * partner.
	 */
	@Test
	void concurrentCouponOrdersAreCreditedEachToItsOwnPartner() throws Exception {
		int n = 16;
		List<PartnerSummary> owners = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			PartnerSummary owner = this.f.partner(this.program);
			String code = unique("C");
			this.coupons.create(owner.id(), code, null);
			owners.add(owner);
			codes.add(code);
		}
		ExecutorService pool = Executors.newFixedThreadPool(n);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				String code = codes.get(i);
				Callable<String> call = () -> {
					start.await();
					MvcResult result = this.f
						.postOrder(
								order(unique("oc-"), buyer(), null, code, false, item(this.product.sku(), 1, "100.00")))
						.andExpect(status().isCreated())
						.andReturn();
					return read(result, "$.commissions[0].partnerCode");
				};
				answers.add(pool.submit(call));
			}
			start.countDown();
			for (int i = 0; i < n; i++) {
				assertThat(answers.get(i).get()).isEqualTo(owners.get(i).code());
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
