package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A refund of one payment of a recurring order (a Stripe refund of one invoice) touches
 * only that payment's commissions, never the other months'; the whole-order refund of the
 * API keeps spreading pro rata.
 */
@IntegrationTest
class OrderPaymentRefundTests {

	@Autowired
	OrderApi orders;

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

	/**
	 * commission amount and status by the charge it was earned on ("sale" for the initial
	 * sale).
	 */
	Map<String, String> commissions(String orderId) {
		Map<String, String> out = new java.util.TreeMap<>();
		this.jdbc.sql("""
				select coalesce(ch.charge_id, 'sale') as payment, c.amount, c.status
				from commission c join customer_order o on o.id = c.order_id
				left join order_charge ch on ch.id = c.charge_id
				where o.order_id = :o and c.clawback_of is null
				""")
			.param("o", orderId)
			.query((rs, n) -> out.put(rs.getString("payment"),
					rs.getBigDecimal("amount").toPlainString() + " " + rs.getString("status")))
			.list();
		return out;
	}

	@Test
	void aRefundOfOnePaymentReducesOnlyThatPaymentsCommissions() {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		ProductSummary plan = f.product("30.00");
		ProgramSummary program = f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = f.partner(program);
		String orderId = unique("sub-");
		this.orders.place(new OrderApi.NewOrder(orderId, unique("b") + "@customers.example.com", null, null,
				partner.code(), null, "USD", true, List.of(new OrderApi.Line(plan.sku(), 1, new BigDecimal("30.00")))));
		this.orders.charge(orderId, "in_2", new BigDecimal("30.00"), Instant.now());
		this.orders.charge(orderId, "in_3", new BigDecimal("30.00"), Instant.now());
		assertThat(commissions(orderId)).containsExactly(Map.entry("in_2", "3.00 pending"),
				Map.entry("in_3", "3.00 pending"), Map.entry("sale", "3.00 pending"));

		// the third month refunded in full (amount null = what is left of it): only its
		// commission
		assertThat(this.orders.refundPayment(orderId, "in_3", "re_3", null)).isEqualTo(1);
		assertThat(commissions(orderId)).containsExactly(Map.entry("in_2", "3.00 pending"),
				Map.entry("in_3", "3.00 refunded"), Map.entry("sale", "3.00 pending"));
		// a third of the first month
		this.orders.refundPayment(orderId, null, "re_1", new BigDecimal("10.00"));
		assertThat(commissions(orderId)).containsExactly(Map.entry("in_2", "3.00 pending"),
				Map.entry("in_3", "3.00 refunded"), Map.entry("sale", "2.00 pending"));
		// replay: nothing more
		this.orders.refundPayment(orderId, null, "re_1", new BigDecimal("10.00"));
		assertThat(commissions(orderId).get("sale")).isEqualTo("2.00 pending");

		// never more than what is left of that payment, nor of an unknown one
		assertThatThrownBy(() -> this.orders.refundPayment(orderId, "in_3", "re_3b", new BigDecimal("1.00")))
			.isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> this.orders.refundPayment(orderId, null, "re_1b", new BigDecimal("20.01")))
			.isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> this.orders.refundPayment(orderId, "in_9", "re_9", null))
			.isInstanceOf(NotFoundException.class);
		// the rest of the first month (a fully refunded commission keeps what it was when
		// refunded)
		this.orders.refundPayment(orderId, null, "re_1c", null);
		assertThat(commissions(orderId)).containsExactly(Map.entry("in_2", "3.00 pending"),
				Map.entry("in_3", "3.00 refunded"), Map.entry("sale", "2.00 refunded"));
		assertThat(this.jdbc.sql("""
				select count(*) from order_refund r join customer_order o on o.id = r.order_id
				where o.order_id = :o and (r.of_sale or r.of_charge_id is not null)
				""").param("o", orderId).query(Long.class).single()).isEqualTo(3);
	}

}
