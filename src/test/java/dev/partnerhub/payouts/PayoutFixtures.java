package dev.partnerhub.payouts;

import java.math.BigDecimal;
import java.util.List;

import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
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
 * Programs with a minimum payout, partners with or without a payout e-mail, sales through
 * the order API. Commissions are approved with SQL (the approve API is built elsewhere).
 * Every name is unique: tests share one database.
 */
class PayoutFixtures {

	final OrderFixtures orders;

	private final ProgramService programs;

	private final PartnerService partners;

	private final ContactService contacts;

	private final JdbcClient jdbc;

	final ProductSummary product;

	PayoutFixtures(ProgramService programs, PartnerService partners, ContactService contacts, MockMvc mvc,
			JdbcClient jdbc) {
		this.orders = new OrderFixtures(programs, partners, contacts, mvc);
		this.programs = programs;
		this.partners = partners;
		this.contacts = contacts;
		this.jdbc = jdbc;
		this.product = this.orders.product("100.00");
	}

	/** 10 % of a 100.00 product = 10.00 per sale. */
	ProgramSummary program(String minimumPayout) {
		return this.programs.createProgram(new ProgramDefinition(unique("Payout program "), "https://shop.example.com",
				1, "USD", Rate.percent("10"), Rate.percent("0"), 30, null, new BigDecimal(minimumPayout), true, null,
				null, List.of()));
	}

	PartnerSummary partner(ProgramSummary program, boolean withPayoutEmail) {
		String code = unique("py");
		long contactId = this.contacts.create(code + "@partners.example.com", "Pat", code).id();
		return this.partners.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null,
				withPayoutEmail ? code + "@paypal.example.com" : null, null));
	}

	/** One sale of the 100.00 product credited to the partner; returns the order id. */
	String sale(PartnerSummary partner) throws Exception {
		String orderId = unique("po-");
		this.orders.postOrder(OrderFixtures.order(orderId, unique("buyer") + "@customers.example.com", partner.code(),
				item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isCreated());
		return orderId;
	}

	void sales(PartnerSummary partner, int count) throws Exception {
		for (int i = 0; i < count; i++) {
			sale(partner);
		}
	}

	/**
	 * Approves the partner's pending commissions, as the (separately built) approve
	 * action would.
	 */
	int approve(PartnerSummary partner) {
		return this.jdbc.sql("""
				update commission set status = 'approved', approved_at = now()
				where partner_id = :p and status = 'pending'
				""").param("p", partner.id()).update();
	}

	void setStatus(String orderId, String status) {
		this.jdbc.sql("""
				update commission set status = :status,
				       approved_at = case when :status in ('approved', 'paid') then now() end,
				       paid_at = case when :status = 'paid' then now() end
				where order_id = (select id from customer_order where order_id = :o)
				""").param("status", status).param("o", orderId).update();
	}

}
