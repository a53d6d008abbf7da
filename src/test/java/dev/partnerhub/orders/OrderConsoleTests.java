package dev.partnerhub.orders;

import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class OrderConsoleTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

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
	void fixtures() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	/** An order at a given time, referred by a partner code (or nobody). */
	private String place(String email, String referral, String occurredAt, boolean recurring, String items)
			throws Exception {
		String orderId = unique("o-");
		this.f
			.postOrder("""
					{"orderId": "%s", "email": "%s", %s "currency": "USD", "occurredAt": "%s", "recurring": %s,
					 "items": [%s]}
					""".formatted(orderId, email, referral == null ? "" : "\"referral\": \"" + referral + "\",",
					occurredAt, recurring, items))
			.andExpect(status().isCreated());
		return orderId;
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void listFiltersSortsPagesAndExports() throws Exception {
		ProductSummary product = this.f.product("10.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String buyer = unique("buyer") + "@customers.example.com";
		String january = place(buyer, partner.code(), "2026-01-10T10:00:00Z", false, item(product.sku(), 1, "10.00"));
		String february = place(buyer, partner.code(), "2026-02-10T23:30:00Z", true, item(product.sku(), 3, "10.00"));
		String march = place(buyer, partner.code(), "2026-03-10T10:00:00Z", false, item(product.sku(), 2, "10.00"));
		String stranger = place(unique("other") + "@customers.example.com", null, "2026-02-11T10:00:00Z", false,
				item(product.sku(), 1, "10.00"));
		this.f.post("/api/v1/orders/" + february + "/charges", "{\"chargeId\": \"c1\", \"amount\": \"5.00\"}")
			.andExpect(status().isCreated());
		this.f.post("/api/v1/orders/" + march + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"5.00\"}")
			.andExpect(status().isCreated());

		String byPartner = page("/admin/orders?partner=" + partner.code().toUpperCase());
		assertThat(byPartner).contains(january, february, march).doesNotContain(stranger).contains(buyer);

		assertThat(page("/admin/orders?status=open&partner=" + partner.code())).contains(february)
			.doesNotContain(january, march);
		// "to" is inclusive of its whole day (UTC)
		assertThat(page("/admin/orders?from=2026-02-01&to=2026-02-10&partner=" + partner.code())).contains(february)
			.doesNotContain(january, march);
		assertThat(page("/admin/orders?q=" + buyer.substring(0, 12).toUpperCase())).contains(january, february, march)
			.doesNotContain(stranger);
		assertThat(page("/admin/orders?q=" + stranger)).contains(stranger).doesNotContain(january);

		String byTotal = page("/admin/orders?sort=total,asc&partner=" + partner.code());
		assertThat(byTotal.indexOf(january)).isLessThan(byTotal.indexOf(march));
		assertThat(byTotal.indexOf(march)).isLessThan(byTotal.indexOf(february));
		String byTotalDesc = page("/admin/orders?sort=total,desc&partner=" + partner.code());
		assertThat(byTotalDesc.indexOf(february)).isLessThan(byTotalDesc.indexOf(march));
		String byStatus = page("/admin/orders?sort=status,desc&partner=" + partner.code());
		assertThat(byStatus.indexOf(february)).isLessThan(byStatus.indexOf(january)); // open
																						// >
																						// completed
		// A sort property outside the whitelist falls back to newest first.
		String bogus = page("/admin/orders?sort=occurred_at;drop_table,asc&partner=" + partner.code());
		assertThat(bogus.indexOf(march)).isLessThan(bogus.indexOf(january));

		String first = page("/admin/orders?size=2&sort=date,asc&partner=" + partner.code());
		assertThat(first).contains(january, february).doesNotContain(march).contains("Showing 1–2 of 3");
		String second = page("/admin/orders?size=2&page=1&sort=date,asc&partner=" + partner.code());
		assertThat(second).contains(march).doesNotContain(january).contains("Showing 3–3 of 3");
		page("/admin/orders?size=-5&page=99999999999&partner=" + partner.code());

		String csv = this.mvc
			.perform(get("/admin/orders.csv?size=1&sort=date,asc&partner=" + partner.code()).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).isEqualTo(
				"order_id,occurred_at,contact_email,currency,total,charged,refunded,status,recurring,partner_code");
		assertThat(lines.get(1)).isEqualTo(
				january + ",2026-01-10T10:00:00Z," + buyer + ",USD,10.00,10.00,0.00,completed,false," + partner.code());
		assertThat(lines.get(2)).isEqualTo(
				february + ",2026-02-10T23:30:00Z," + buyer + ",USD,30.00,35.00,0.00,open,true," + partner.code());
		assertThat(lines.get(3)).isEqualTo(
				march + ",2026-03-10T10:00:00Z," + buyer + ",USD,20.00,20.00,5.00,completed,false," + partner.code());
	}

	@Test
	void detailShowsItemsCommissionsAdjustmentsAndClawbacks() throws Exception {
		ProductSummary a = this.f.product("25.00");
		ProductSummary b = this.f.product("50.00");
		ProgramSummary program = this.f.program(2, Rate.percent("10"), Rate.percent("5"));
		PartnerSummary parent = this.f.partner(program);
		PartnerSummary partner = this.f.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = place(unique("buyer") + "@customers.example.com", partner.code(), "2026-04-01T09:00:00Z",
				false, item(a.sku(), 2, "25.00") + "," + item(b.sku(), 1, "50.00"));
		// The tier-1 commissions were paid: a refund claws them back; the unpaid tier-2
		// ones are reduced.
		this.jdbc.sql("""
				update commission set status = 'paid', approved_at = now(), paid_at = now()
				where order_id = (select id from customer_order where order_id = :id) and tier = 1
				""").param("id", orderId).update();
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"half\", \"amount\": \"50.00\"}")
			.andExpect(status().isCreated());

		String html = page("/admin/orders/" + orderId);
		assertThat(html).contains("id=\"items\"", a.sku(), b.sku(), "25.00", "50.00")
			.contains("id=\"order-commissions\"", partner.code(), parent.code())
			.contains("id=\"refunds\"", "half")
			.contains("id=\"adjustments\"", "2.50", "1.25")
			.contains("id=\"clawbacks\"", "-2.50", ">clawback<")
			.contains("100.00 USD") // charged
			.contains("50.00 USD"); // refunded
		long clawbacks = this.jdbc.sql("""
				select count(*) from commission
				where order_id = (select id from customer_order where order_id = :id) and clawback_of is not null
				""").param("id", orderId).query(Long.class).single();
		assertThat(clawbacks).isEqualTo(2);
		String reason = this.jdbc.sql("""
				select reason from commission
				where order_id = (select id from customer_order where order_id = :id) and tier = 2 limit 1
				""").param("id", orderId).query(String.class).single();
		assertThat(html).contains(org.springframework.web.util.HtmlUtils.htmlEscape(reason));
	}

	@Test
	void unknownOrderIsANotFoundPage() throws Exception {
		this.mvc.perform(get("/admin/orders/" + unique("missing-")).with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Order not found")));
	}

	@Test
	void badFiltersShowAMessageNotAnError() throws Exception {
		this.mvc.perform(get("/admin/orders?status=shipped&from=2026-13-45&to=yesterday&page=x&size=y").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Status filter ignored")))
			.andExpect(content().string(containsString("2026-13-45")))
			.andExpect(content().string(containsString("yesterday")))
			.andExpect(content().string(not(containsString("Something went wrong"))));
		this.mvc.perform(get("/admin/orders.csv?status=shipped&from=nope").with(ADMIN)).andExpect(status().isOk());
	}

	@Test
	void partnersMayNotOpenTheOrderOrCommissionPages() throws Exception {
		var partner = user("p@test.local").roles("PARTNER");
		for (String path : new String[] { "/admin/orders", "/admin/orders.csv", "/admin/orders/o-1",
				"/admin/commissions", "/admin/commissions.csv" }) {
			this.mvc.perform(get(path).with(partner)).andExpect(status().isForbidden());
		}
	}

}
