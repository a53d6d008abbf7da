package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group commit writes many orders with one statement per step; the result must be what
 * placing them one after another gives. Two identical worlds (programs, partners, buyers)
 * get the same 40 random orders: world A all in one batch, world B one by one. Repeated
 * buyers (several rounds in the batch, first and last referrer), a suspended partner, a
 * partner buying for himself, tier 2, flat and percent rates and multi-item orders are
 * all in the mix.
 */
@IntegrationTest
class OrderBatchEquivalenceTests {

	@Autowired
	OrderService orders;

	@Autowired
	OrderPlacement placement;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	/** One world: its partners by role, and its products. */
	record World(String tag, Map<String, PartnerSummary> partners, Map<String, String> emails,
			List<ProductSummary> products) {

		String roleOf(Long partnerId) {
			if (partnerId == null) {
				return "-";
			}
			return this.partners.entrySet()
				.stream()
				.filter(e -> e.getValue().id() == partnerId)
				.map(Map.Entry::getKey)
				.findFirst()
				.orElse("?" + partnerId);
		}

	}

	World world(OrderFixtures f) {
		ProductSummary course = f.product("100.00");
		ProductSummary ebook = f.product("19.99");
		ProgramSummary twoTier = f.program(2, Rate.percent("10"), Rate.percent("5"), true, null, List
			.of(new ProgramDefinition.ProductRateDefinition(ebook.id(), Rate.flat("3.00"), Rate.percent("2.5"))));
		ProgramSummary flat = f.program(1, Rate.flat("7.00"), Rate.percent("0"));
		Map<String, PartnerSummary> p = new HashMap<>();
		p.put("parent", f.partner(twoTier));
		p.put("child", f.partner(twoTier, p.get("parent"), PartnerStatus.APPROVED));
		p.put("flat", f.partner(flat));
		p.put("suspended", f.partner(twoTier, p.get("parent"), PartnerStatus.SUSPENDED));
		Map<String, String> emails = new HashMap<>();
		p.forEach((role, partner) -> emails.put(role, f.emailOf(partner)));
		return new World(OrderFixtures.unique("w"), p, emails, List.of(course, ebook));
	}

	/** The same random order for both worlds: buyer, referral (a role), items. */
	record Plan(int buyer, String referral, List<int[]> items, boolean recurring) {
	}

	PlaceOrder order(World w, int n, Plan plan) {
		String email = plan.buyer() == 6 ? w.emails().get("child") // the partner buys
																	// himself
				: "Buyer" + plan.buyer() + "-" + w.tag() + "@Customers.example.com";
		String referral = plan.referral() == null ? null : w.partners().get(plan.referral()).code();
		List<PlaceOrder.Item> items = plan.items()
			.stream()
			.map(i -> new PlaceOrder.Item(w.products().get(i[0]).sku(), i[1], w.products().get(i[0]).price()))
			.toList();
		return new PlaceOrder(w.tag() + "-" + n, n % 5 == 0 ? email.toLowerCase() : email, "First" + (n % 3),
				n % 4 == 0 ? "" : "Last", referral, null, "USD", plan.recurring(), items);
	}

	/** What an order came to, in roles instead of ids. */
	List<String> outcome(World w, String orderId) {
		List<String> rows = new ArrayList<>(this.jdbc.sql("""
				select c.partner_id, c.tier, c.amount, c.base_amount, c.status, c.reason
				from commission c join customer_order o on o.id = c.order_id where o.order_id = :id
				order by c.tier, c.order_item_id
				""")
			.param("id", orderId)
			.query((rs, i) -> w.roleOf(rs.getLong("partner_id")) + " tier " + rs.getInt("tier") + " "
					+ rs.getBigDecimal("amount") + " on " + rs.getBigDecimal("base_amount") + " "
					+ rs.getString("status") + " (" + rs.getString("reason").replaceAll("p[0-9a-f]{12}", "CODE") + ")")
			.list());
		rows.addAll(this.jdbc.sql("""
				select o.referrer_id, o.credit_rule, o.total, o.status, o.currency, ct.first_name, ct.last_name,
				       (select count(*) from order_item i where i.order_id = o.id) as items
				from customer_order o join contact ct on ct.id = o.contact_id where o.order_id = :id
				""")
			.param("id", orderId)
			.query((rs, i) -> "order credited to " + w.roleOf((Long) rs.getObject(1)) + " by " + rs.getString(2)
					+ ", total " + rs.getBigDecimal(3) + " " + rs.getString(5) + " " + rs.getString(4) + ", "
					+ rs.getInt(8) + " items, buyer named " + rs.getString(6) + " " + rs.getString(7))
			.list());
		return rows;
	}

	String buyerState(World w, int buyer) {
		String email = buyer == 6 ? w.emails().get("child")
				: "buyer" + buyer + "-" + w.tag() + "@customers.example.com";
		return this.jdbc.sql("""
				select first_referrer_id, last_referrer_id, first_referral is not null as fr, last_referral is not null
				       as lr, email from contact where lower(email) = lower(:e)
				""")
			.param("e", email)
			.query((rs, i) -> "first " + w.roleOf((Long) rs.getObject(1)) + " last " + w.roleOf((Long) rs.getObject(2))
					+ " trail " + rs.getBoolean(3) + "/" + rs.getBoolean(4))
			.optional()
			.orElse("none");
	}

	@Test
	void aBatchWritesWhatOneByOneWrites() {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		World a = world(f);
		World b = world(f);
		Random random = new Random(20261202);
		String[] referrals = { null, "child", "child", "flat", "suspended", "parent", "child" };
		List<Plan> plans = new ArrayList<>();
		for (int n = 0; n < 40; n++) {
			List<int[]> items = new ArrayList<>();
			for (int i = 0, count = 1 + random.nextInt(2); i < count; i++) {
				items.add(new int[] { random.nextInt(2), 1 + random.nextInt(3) });
			}
			plans.add(new Plan(random.nextInt(7), referrals[random.nextInt(referrals.length)], items,
					random.nextInt(6) == 0));
		}

		List<NewOrderRequest> batch = new ArrayList<>();
		for (int n = 0; n < plans.size(); n++) {
			PlaceOrder o = order(a, n, plans.get(n));
			batch.add(new NewOrderRequest(o, o.orderId(), RequestHash.of(o)));
		}
		List<OrderService.Placed> placedA = new TransactionTemplate(this.transactionManager)
			.execute(status -> this.placement.placeAll(batch));
		List<OrderService.Placed> placedB = new ArrayList<>();
		for (int n = 0; n < plans.size(); n++) {
			placedB.add(this.orders.place(order(b, n, plans.get(n))));
		}

		int commissions = 0;
		for (int n = 0; n < plans.size(); n++) {
			assertThat(placedA.get(n)).isNotNull();
			assertThat(placedA.get(n).orderId()).isEqualTo(a.tag() + "-" + n);
			assertThat(placedA.get(n).commissions()).hasSameSizeAs(placedB.get(n).commissions());
			for (int c = 0; c < placedA.get(n).commissions().size(); c++) {
				assertThat(placedA.get(n).commissions().get(c).amount())
					.isEqualByComparingTo(placedB.get(n).commissions().get(c).amount());
				assertThat(placedA.get(n).commissions().get(c).partnerCode())
					.isEqualTo(a.partners().get(b.roleOf(placedB.get(n).commissions().get(c).partnerId())).code());
			}
			assertThat(outcome(a, a.tag() + "-" + n)).as("order %d (%s)", n, plans.get(n))
				.isEqualTo(outcome(b, b.tag() + "-" + n));
			commissions += placedA.get(n).commissions().size();
		}
		for (int buyer = 0; buyer <= 6; buyer++) {
			assertThat(buyerState(a, buyer)).as("buyer %d", buyer).isEqualTo(buyerState(b, buyer));
		}
		// the mix really has what the rules are about
		assertThat(commissions).isGreaterThan(20);
		assertThat(placedA.stream().flatMap(p -> p.commissions().stream()).filter(c -> c.tier() == 2)).isNotEmpty();
		assertThat(plans.stream().filter(p -> p.buyer() == 6 && "child".equals(p.referral()))).isNotEmpty();
		assertThat(plans.stream().filter(p -> "suspended".equals(p.referral()))).isNotEmpty();
		assertThat(this.jdbc
			.sql("select count(*) from commission c join partner p on p.id = c.partner_id " + "where p.code = :code")
			.param("code", a.partners().get("suspended").code())
			.query(Long.class)
			.single()).isZero();
	}

}
