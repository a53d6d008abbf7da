package dev.partnerhub.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.commissions.domain.AutoApproval;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.domain.OrderPayments;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickTokens;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The hosted order form {@code /buy/{sku}}: public, CSRF-protected, idempotent on a
 * double submit; its orders are unpaid and credit nobody until an admin confirms the
 * payment (console or API).
 */
@IntegrationTest
class BuyFormIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactService contactService;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClickTokens tokens;

	@Autowired
	AutoApproval autoApproval;

	@Autowired
	OrderPayments orderService;

	@Autowired
	PartnerCenterQueries partnerCenter;

	OrderFixtures fixtures;

	ProductSummary product;

	private final String address = randomAddress();

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@BeforeEach
	void setUp() {
		this.fixtures = new OrderFixtures(this.programService, this.partnerService, this.contactService, this.mvc);
		this.product = this.fixtures.product("80.00");
	}

	@Test
	void showsTheProductWithItsPriceAndAFreshOrderId() throws Exception {
		this.mvc.perform(get("/buy/" + this.product.sku()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("80.00 USD"), containsString("name=\"orderId\""),
					containsString("value=\"web-"), containsString("src=\"/t.js\""),
					containsString("name=\"_csrf\""))));
	}

	@Test
	void theReferralComesFromTheRefParameterOrTheCookie() throws Exception {
		this.mvc.perform(get("/buy/" + this.product.sku()).param("ref", "abc_DEF-123"))
			.andExpect(content().string(containsString("name=\"referral\" value=\"abc_DEF-123\"")));
		this.mvc.perform(get("/buy/" + this.product.sku()).cookie(new Cookie("ph_ref", "cookieRef1")))
			.andExpect(content().string(containsString("name=\"referral\" value=\"cookieRef1\"")));
		// Anything else is not a referral and is not echoed.
		this.mvc.perform(get("/buy/" + this.product.sku()).param("ref", "\"><script>x</script>"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<script>x"))));
	}

	/**
	 * The abuse of issue 14: an anonymous post with any partner code, 99 items and a
	 * made-up e-mail used to store a completed order and both tiers of commission
	 * (approved at once where the program approves automatically).
	 */
	@Test
	void anAnonymousOrderIsStoredUnpaidAndCreditsNobodyEvenWithAutomaticApproval() throws Exception {
		ProgramSummary program = this.programService
			.createProgram(new ProgramDefinition(OrderFixtures.unique("Auto "), "https://shop.example.com", 2, "USD",
					Rate.percent("10"), Rate.percent("5"), 30, 0, BigDecimal.ZERO, true, null, null, List.of()));
		PartnerSummary parent = this.fixtures.partner(program);
		PartnerSummary child = this.fixtures.partner(program, parent, PartnerStatus.APPROVED);

		String byCode = newOrderId();
		String email = OrderFixtures.unique("made-up") + "@test.local";
		this.mvc.perform(order(byCode, email, "99").param("referral", child.code()))
			.andExpect(status().is3xxRedirection());
		String byToken = newOrderId();
		this.mvc.perform(order(byToken, OrderFixtures.unique("clicked") + "@test.local", "99").param("referral",
				this.tokens.issue(child.id(), Instant.now(), null)))
			.andExpect(status().is3xxRedirection());
		this.autoApproval.approveDue();

		for (String orderId : List.of(byCode, byToken)) {
			assertThat(orderStatus(orderId)).isEqualTo("unpaid");
			assertThat(commissions(orderId)).isEmpty();
		}
		assertThat(this.jdbc.sql("select total from customer_order where order_id = :id")
			.param("id", byCode)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("7920.00"); // recorded, just not paid
		// A bare partner code from a public form is nobody's referral.
		ContactSummary buyer = this.contactService.findByEmail(email).orElseThrow();
		assertThat(buyer.firstReferrerId()).isNull();
		assertThat(buyer.lastReferrerId()).isNull();

		this.mvc.perform(get("/buy/" + this.product.sku() + "/thanks").param("order", byCode))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("recorded as <strong>unpaid</strong> until the payment is confirmed"),
						containsString("Demo, no payment"), containsString("id=\"order-status\">unpaid<"))));
	}

	@Test
	void theFormSaysTheOrderIsRecordedAsUnpaid() throws Exception {
		this.mvc.perform(get("/buy/" + this.product.sku()))
			.andExpect(status().isOk())
			.andExpect(
					content().string(allOf(containsString("id=\"payment-notice\""), containsString("Demo, no payment"),
							containsString("recorded as <strong>unpaid</strong> until the payment is confirmed"))));
	}

	@Test
	void theAdminsMarkPaidCreditsBothTiersFromTheFormsClickOnceAndIsAudited() throws Exception {
		ProgramSummary program = this.fixtures.program(2, Rate.percent("30"), Rate.percent("5"));
		PartnerSummary parent = this.fixtures.partner(program);
		PartnerSummary child = this.fixtures.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = newOrderId();
		String email = OrderFixtures.unique("buyer") + "@test.local";

		this.mvc
			.perform(order(orderId, email, "2").param("referral", this.tokens.issue(child.id(), Instant.now(), null)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/buy/" + this.product.sku() + "/thanks?order=web-*"));
		assertThat(orderCount(orderId)).isEqualTo(1);
		assertThat(orderStatus(orderId)).isEqualTo("unpaid");
		assertThat(commissions(orderId)).isEmpty();

		// The console lists it as unpaid (with a filter) and offers "Mark paid".
		this.mvc.perform(get("/admin/orders").param("status", "unpaid").param("q", orderId).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(
					allOf(containsString("href=\"/admin/orders/" + orderId + "\""), containsString(">unpaid</span>"))));
		this.mvc.perform(get("/admin/orders").param("status", "completed").param("q", orderId).with(ADMIN))
			.andExpect(content().string(not(containsString("href=\"/admin/orders/" + orderId + "\""))));
		this.mvc.perform(get("/admin/orders/{id}", orderId).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"unpaid-order\""), containsString("Mark paid"),
					containsString("action=\"/admin/orders/" + orderId + "/paid\""),
					containsString("name=\"_csrf\""))));

		// Only an admin, only with the CSRF token.
		this.mvc.perform(post("/admin/orders/{id}/paid", orderId).with(ADMIN)).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/orders/{id}/paid", orderId).with(csrf()).with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/orders/{id}/paid", orderId).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		assertThat(commissions(orderId)).isEmpty();

		this.mvc.perform(post("/admin/orders/{id}/paid", orderId).with(csrf()).with(ADMIN))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/orders/" + orderId))
			.andExpect(flash().attribute("message", containsString("earned 2 commissions")));

		assertThat(orderStatus(orderId)).isEqualTo("completed");
		List<Map<String, Object>> commissions = commissions(orderId);
		assertThat(commissions).hasSize(2);
		assertThat(commissions.get(0)).containsEntry("code", child.code()).containsEntry("status", "pending");
		assertThat(commissions.get(0).get("amount")).hasToString("48.00"); // 30 % of 2 ×
																			// 80.00
		assertThat(commissions.get(1)).containsEntry("code", parent.code());
		assertThat(commissions.get(1).get("amount")).hasToString("8.00"); // 5 % of 160.00
		assertThat(this.jdbc.sql("select referrer_id from customer_order where order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single()).isEqualTo(child.id());

		// A second click changes nothing and says so; one audit entry.
		this.mvc.perform(post("/admin/orders/{id}/paid", orderId).with(csrf()).with(ADMIN))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", containsString("already paid")));
		assertThat(commissions(orderId)).hasSize(2);
		assertThat(this.jdbc
			.sql("select count(*) from audit_entry where action = 'order.paid' and subject_id = :id "
					+ "and actor = 'admin@test.local'")
			.param("id", orderId)
			.query(Long.class)
			.single()).isEqualTo(1);

		this.mvc.perform(get("/admin/orders/{id}", orderId).with(ADMIN))
			.andExpect(content()
				.string(allOf(not(containsString("id=\"unpaid-order\"")), containsString("id=\"order-paid-at\""))));
		this.mvc.perform(get("/buy/" + this.product.sku() + "/thanks").param("order", orderId))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(orderId), containsString("160.00 USD"),
					containsString("id=\"order-status\">paid<"))));
	}

	@Test
	void theApiMarksPaidIdempotentlyAndAutomaticApprovalThenAppliesAsUsual() throws Exception {
		ProgramSummary program = this.programService
			.createProgram(new ProgramDefinition(OrderFixtures.unique("Auto "), "https://shop.example.com", 1, "USD",
					Rate.percent("10"), Rate.percent("0"), 30, 0, BigDecimal.ZERO, true, null, null, List.of()));
		PartnerSummary partner = this.fixtures.partner(program);
		String orderId = newOrderId();
		this.mvc.perform(order(orderId, OrderFixtures.unique("api") + "@test.local", "1").param("referral",
				this.tokens.issue(partner.id(), Instant.now(), null)))
			.andExpect(status().is3xxRedirection());

		// Nothing to refund before the money arrived.
		this.fixtures.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\"}")
			.andExpect(status().isConflict());
		this.mvc.perform(post("/api/v1/orders/{id}/paid", orderId)).andExpect(status().isUnauthorized());
		assertThat(commissions(orderId)).isEmpty();

		MvcResult first = this.fixtures.post("/api/v1/orders/" + orderId + "/paid", "")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("completed"))
			.andExpect(jsonPath("$.paidAt").isNotEmpty())
			.andExpect(jsonPath("$.commissions.length()").value(1))
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(partner.code()))
			.andExpect(jsonPath("$.commissions[0].amount").value("8.00"))
			.andExpect(jsonPath("$.commissions[0].status").value("pending"))
			.andReturn();
		String again = this.fixtures.post("/api/v1/orders/" + orderId + "/paid", "")
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(again).isEqualTo(first.getResponse().getContentAsString());
		assertThat(commissions(orderId)).hasSize(1);

		// The program approves at once: the job approves it like any other commission.
		this.autoApproval.approveDue();
		assertThat(commissions(orderId).get(0)).containsEntry("status", "approved");
		this.fixtures.get("/api/v1/orders/" + orderId).andExpect(jsonPath("$.status").value("completed"));

		// An order that arrived paid through the API: nothing to confirm, the same answer
		// every time.
		String apiOrder = OrderFixtures.unique("api-");
		this.fixtures.postOrder(OrderFixtures.order(apiOrder, OrderFixtures.unique("paid") + "@test.local",
				partner.code(), OrderFixtures.item(this.product.sku(), 1, "80.00")))
			.andExpect(status().isCreated());
		this.fixtures.post("/api/v1/orders/" + apiOrder + "/paid", "")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("completed"))
			.andExpect(jsonPath("$.paidAt").doesNotExist())
			.andExpect(jsonPath("$.commissions.length()").value(1));
		this.mvc.perform(post("/admin/orders/{id}/paid", apiOrder).with(csrf()).with(ADMIN))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", containsString("already paid")));
		assertThat(this.jdbc
			.sql("select count(*) from commission c join customer_order o on o.id = c.order_id "
					+ "where o.order_id = :id")
			.param("id", apiOrder)
			.query(Long.class)
			.single()).isEqualTo(1);

		this.fixtures.post("/api/v1/orders/no-such-order-" + OrderFixtures.unique("") + "/paid", "")
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	/**
	 * Real threads racing on one unpaid order: one of them credits it, every one answers
	 * the same commissions.
	 */
	@Test
	void concurrentMarkPaidCreditsExactlyOnce() throws Exception {
		ProgramSummary program = this.fixtures.program(2, Rate.percent("20"), Rate.percent("10"));
		PartnerSummary parent = this.fixtures.partner(program);
		PartnerSummary child = this.fixtures.partner(program, parent, PartnerStatus.APPROVED);
		for (int round = 0; round < 3; round++) {
			String orderId = newOrderId();
			this.mvc.perform(order(orderId, OrderFixtures.unique("race") + "@test.local", "1").param("referral",
					this.tokens.issue(child.id(), Instant.now(), null)))
				.andExpect(status().is3xxRedirection());
			int threads = 6;
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			CyclicBarrier start = new CyclicBarrier(threads);
			try {
				List<Future<OrderPayments.Paid>> calls = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					calls.add(pool.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						return this.orderService.markPaid(orderId);
					}));
				}
				List<OrderPayments.Paid> answers = new ArrayList<>();
				for (Future<OrderPayments.Paid> call : calls) {
					answers.add(call.get(30, TimeUnit.SECONDS));
				}
				assertThat(answers).filteredOn(OrderPayments.Paid::changed).hasSize(1);
				assertThat(answers).allSatisfy(paid -> {
					assertThat(paid.status()).isEqualTo("completed");
					assertThat(paid.commissions()).extracting(CommissionLine::id)
						.containsExactlyElementsOf(
								answers.get(0).commissions().stream().map(CommissionLine::id).toList())
						.hasSize(2);
				});
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(commissions(orderId)).hasSize(2);
			assertThat(
					this.jdbc.sql("select count(*) from audit_entry where action = 'order.paid' and subject_id = :id")
						.param("id", orderId)
						.query(Long.class)
						.single())
				.isEqualTo(1);
		}
	}

	/**
	 * The order form is a public form too: an existing customer keeps his name, and an
	 * unpaid order is no sale in the partner center until it is paid.
	 */
	@Test
	void anExistingCustomerIsNotRenamedAndAnUnpaidOrderIsNoSaleUntilPaid() throws Exception {
		ProgramSummary program = this.fixtures.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.fixtures.partner(program);
		String email = OrderFixtures.unique("carl") + "@test.local";
		this.fixtures
			.post("/api/v1/contacts",
					"""
							{"email": "%s", "firstName": "Carl", "lastName": "Customer", "referral": "%s"}"""
						.formatted(email, partner.code()))
			.andExpect(status().is2xxSuccessful());
		ContactSummary before = this.contactService.findByEmail(email).orElseThrow();

		String orderId = newOrderId();
		this.mvc.perform(order(orderId, email.toUpperCase(), "1").param("firstName", "Mallory").param("lastName", "M"))
			.andExpect(status().is3xxRedirection());
		ContactSummary after = this.contactService.findByEmail(email).orElseThrow();
		assertThat(after.firstName()).isEqualTo("Carl");
		assertThat(after.lastName()).isEqualTo("Customer");
		assertThat(after.email()).isEqualTo(email);
		assertThat(after.lastReferrerId()).isEqualTo(before.lastReferrerId()).isEqualTo(partner.id());
		assertThat(this.partnerCenter.referral(partner.id(), after.id()).orElseThrow().orders()).isZero();

		this.orderService.markPaid(orderId);
		// Paid: credited from his referral info, as the API would credit it.
		assertThat(commissions(orderId)).singleElement()
			.satisfies(c -> assertThat(c).containsEntry("code", partner.code()));
		assertThat(this.partnerCenter.referral(partner.id(), after.id()).orElseThrow().orders()).isEqualTo(1);
	}

	/**
	 * The limit is counted before anything else: parallel posts from one address get
	 * exactly 30 through.
	 */
	@Test
	void theRateLimitCountsParallelPostsExactly() throws Exception {
		String address = randomAddress();
		int requests = 40;
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return this.mvc
						.perform(post("/buy/" + this.product.sku()).with(csrf())
							.with(from(address))
							.param("orderId", "expired")
							.param("email", "flood@test.local")
							.param("quantity", "0"))
						.andReturn()
						.getResponse()
						.getStatus();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> call : calls) {
				statuses.add(call.get(60, TimeUnit.SECONDS));
			}
			assertThat(statuses).filteredOn(code -> code == 429).hasSize(requests - 30);
			assertThat(statuses).filteredOn(code -> code == 400).hasSize(30);
		}
		finally {
			pool.shutdownNow();
		}
		// Another address is not affected.
		this.mvc.perform(order(newOrderId(), OrderFixtures.unique("other") + "@test.local", "1"))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void aResubmitOfTheSameFormIsOneOrder() throws Exception {
		String orderId = newOrderId();
		String email = OrderFixtures.unique("twice") + "@test.local";
		this.mvc.perform(order(orderId, email, "1")).andExpect(status().is3xxRedirection());
		this.mvc.perform(order(orderId, email, "1")).andExpect(status().is3xxRedirection());
		assertThat(orderCount(orderId)).isEqualTo(1);
		// The same form id with other details is not a second order either.
		this.mvc.perform(order(orderId, email, "3"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("already submitted")));
		assertThat(orderCount(orderId)).isEqualTo(1);
	}

	@Test
	void invalidFieldsAreShownBesideTheFieldsAndNothingIsStored() throws Exception {
		String orderId = newOrderId();
		this.mvc.perform(order(orderId, "not-an-email", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(content()
				.string(allOf(containsString("id=\"email-error\""), containsString("Enter a valid e-mail address"),
						containsString("id=\"quantity-error\""), containsString("aria-describedby=\"email-error\""))));
		this.mvc.perform(order(orderId, "x@test.local", "lots")).andExpect(status().isBadRequest());
		this.mvc.perform(order(orderId, "x@test.local", "100")).andExpect(status().isBadRequest());
		this.mvc.perform(order("1001", "x@test.local", "1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("submit again")));
		assertThat(orderCount(orderId)).isZero();
	}

	@Test
	void unknownProductsAndOrdersAre404Pages() throws Exception {
		this.mvc.perform(get("/buy/no-such-sku-" + OrderFixtures.unique("")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("does not exist")));
		this.mvc.perform(post("/buy/no-such-sku").with(csrf()).param("email", "a@b.co"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/buy/" + this.product.sku() + "/thanks").param("order", newOrderId()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/buy/" + this.product.sku() + "/thanks").param("order", "api-order-1"))
			.andExpect(status().isNotFound());
	}

	@Test
	void aPostWithoutCsrfTokenIsForbidden() throws Exception {
		String orderId = newOrderId();
		this.mvc
			.perform(post("/buy/" + this.product.sku()).param("orderId", orderId)
				.param("firstName", "No")
				.param("email", "nocsrf@test.local")
				.param("quantity", "1"))
			.andExpect(status().isForbidden());
		assertThat(orderCount(orderId)).isZero();
	}

	private MockHttpServletRequestBuilder order(String orderId, String email, String quantity) {
		return post("/buy/" + this.product.sku()).with(csrf())
			.with(from(this.address))
			.param("orderId", orderId)
			.param("firstName", "Bea")
			.param("lastName", "Buyer")
			.param("email", email)
			.param("quantity", quantity);
	}

	private String newOrderId() throws Exception {
		MvcResult page = this.mvc.perform(get("/buy/" + this.product.sku())).andReturn();
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("value=\"(web-[0-9a-f-]{36})\"")
			.matcher(page.getResponse().getContentAsString());
		assertThat(id.find()).isTrue();
		return id.group(1);
	}

	private String orderStatus(String orderId) {
		return this.jdbc.sql("select status from customer_order where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.single();
	}

	private List<Map<String, Object>> commissions(String orderId) {
		return this.jdbc.sql("""
				select p.code, c.tier, c.amount, c.status from commission c join partner p on p.id = c.partner_id
				join customer_order o on o.id = c.order_id where o.order_id = :id order by c.tier
				""").param("id", orderId).query().listOfRows();
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/**
	 * The form's limit (30 a minute) is per address and shared by the whole test run:
	 * each test posts from its own.
	 */
	private static String randomAddress() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
	}

	private long orderCount(String orderId) {
		return this.jdbc.sql("select count(*) from customer_order where order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single();
	}

}
