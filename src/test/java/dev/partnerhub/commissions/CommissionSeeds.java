package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Many pending commissions fast: one real order through the API, then extra order items
 * and one commission per item inserted by SQL (the unique line index allows one
 * commission per item, partner and tier).
 */
class CommissionSeeds {

	private final OrderFixtures fixtures;

	private final ProgramService programs;

	private final JdbcClient jdbc;

	CommissionSeeds(ProgramService programs, PartnerService partners, ContactService contacts, MockMvc mvc,
			JdbcClient jdbc) {
		this.fixtures = new OrderFixtures(programs, partners, contacts, mvc);
		this.programs = programs;
		this.jdbc = jdbc;
	}

	OrderFixtures fixtures() {
		return this.fixtures;
	}

	/** A one-tier 10 % program; {@code approvalDelayDays} null = manual approval. */
	ProgramSummary program(Integer approvalDelayDays) {
		return this.programs.createProgram(
				new ProgramDefinition(unique("Program "), "https://shop.example.com", 1, "USD", Rate.percent("10"),
						Rate.percent("0"), 30, approvalDelayDays, BigDecimal.ZERO, true, null, null, List.of()));
	}

	/**
	 * A new partner in the program with {@code count} pending commissions dated
	 * {@code at}; their ids, ascending.
	 */
	Seeded seed(ProgramSummary program, int count, Instant at) throws Exception {
		ProductSummary product = this.fixtures.product("10.00");
		PartnerSummary partner = this.fixtures.partner(program);
		String orderId = unique("o-");
		var result = this.fixtures.postOrder("""
				{"orderId": "%s", "email": "%s", "referral": "%s", "currency": "USD", "occurredAt": "%s",
				 "items": [%s]}
				""".formatted(orderId, unique("buyer") + "@customers.example.com", partner.code(), at,
				item(product.sku(), 1, "10.00")))
			.andExpect(status().isCreated())
			.andReturn();
		long first = ((Number) OrderFixtures.read(result, "$.commissions[0].id")).longValue();
		if (count > 1) {
			this.jdbc.sql("""
					with template as (select * from commission where id = :first),
					items as (
					    insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
					    select t.order_id, 1 + g, t.product_id, t.sku, 1, 10.00, 10.00
					    from template t, generate_series(1, :n) g
					    returning id
					)
					insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier,
					                        base_amount, original_amount, amount, currency, status, transaction_date,
					                        reason)
					select t.partner_id, t.contact_id, t.order_id, i.id, t.product_id, t.sku, 1, 10.00, 1.00, 1.00,
					       'USD', 'pending', t.transaction_date, 'seeded'
					from template t, items i
					""").param("first", first).param("n", count - 1).update();
		}
		List<Long> ids = this.jdbc.sql("select id from commission where partner_id = :partner order by id")
			.param("partner", partner.id())
			.query(Long.class)
			.list();
		return new Seeded(partner, orderId, ids);
	}

	void setStatus(List<Long> ids, String status) {
		this.jdbc.sql("update commission set status = :status where id = any(:ids)")
			.param("status", status)
			.param("ids", new org.springframework.jdbc.support.SqlArrayValue("bigint", ids.toArray()))
			.update();
	}

	String statusOf(long id) {
		return this.jdbc.sql("select status from commission where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	long audits(List<Long> ids, String action) {
		return this.jdbc.sql("""
				select count(*) from audit_entry
				where subject_type = 'commission' and action = :action and subject_id = any(:ids)
				""")
			.param("action", action)
			.param("ids",
					new org.springframework.jdbc.support.SqlArrayValue("text",
							ids.stream().map(String::valueOf).toArray()))
			.query(Long.class)
			.single();
	}

	record Seeded(PartnerSummary partner, String orderId, List<Long> ids) {
	}

}
