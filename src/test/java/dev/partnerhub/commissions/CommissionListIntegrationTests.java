package dev.partnerhub.commissions;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class CommissionListIntegrationTests {

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

	@Test
	void filtersByPartnerStatusSkuAndDate() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		ProductSummary a = f.product("10.00");
		ProductSummary b = f.product("20.00");
		ProgramSummary program = f.program(2, Rate.percent("10"), Rate.percent("5"));
		PartnerSummary parent = f.partner(program);
		PartnerSummary partner = f.partner(program, parent, PartnerStatus.APPROVED);
		String email = unique("lister") + "@customers.example.com";
		String january = unique("o-");
		f.postOrder("""
				{"orderId": "%s", "email": "%s", "referral": "%s", "currency": "USD",
				 "occurredAt": "2026-01-15T12:00:00Z", "items": [%s]}
				""".formatted(january, email, partner.code(), item(a.sku(), 1, "10.00")))
			.andExpect(status().isCreated());
		f.postOrder("""
				{"orderId": "%s", "email": "%s", "currency": "USD",
				 "occurredAt": "2026-02-15T12:00:00Z", "items": [%s]}
				""".formatted(unique("o-"), email, item(b.sku(), 2, "20.00"))).andExpect(status().isCreated());
		this.jdbc.sql("""
				update commission set status = 'approved', approved_at = now()
				where order_id = (select id from customer_order where order_id = :id) and tier = 1
				""").param("id", january).update();

		f.get("/api/v1/commissions?partner=" + partner.code().toUpperCase())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items", hasSize(2)))
			// newest first
			.andExpect(jsonPath("$.items[0].sku").value(b.sku()))
			.andExpect(jsonPath("$.items[0].amount").value("4.00"))
			.andExpect(jsonPath("$.items[0].currency").value("USD"))
			.andExpect(jsonPath("$.items[0].contactEmail").value(email))
			.andExpect(jsonPath("$.items[0].partnerCode").value(partner.code()))
			.andExpect(jsonPath("$.items[0].tier").value(1))
			.andExpect(jsonPath("$.items[0].transactionDate").value("2026-02-15T12:00:00Z"))
			.andExpect(jsonPath("$.items[1].orderId").value(january))
			.andExpect(jsonPath("$.items[1].status").value("approved"))
			.andExpect(jsonPath("$.items[1].approvedAt").isNotEmpty());
		f.get("/api/v1/commissions?partner=" + partner.code() + "&status=approved")
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].orderId").value(january));
		f.get("/api/v1/commissions?partner=" + parent.code() + "&sku=" + b.sku())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].tier").value(2))
			.andExpect(jsonPath("$.items[0].amount").value("2.00"));
		f.get("/api/v1/commissions?partner=" + partner.code() + "&from=2026-02-01&to=2026-02-15")
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].sku").value(b.sku()));
		f.get("/api/v1/commissions?partner=" + partner.code() + "&to=2026-01-31")
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].orderId").value(january));
		f.get("/api/v1/commissions?partner=" + partner.code() + "&size=1&page=1")
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(1))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].orderId").value(january));
		f.get("/api/v1/commissions?partner=" + partner.code() + "&page=5")
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items", hasSize(0)));
		f.get("/api/v1/commissions?size=100000").andExpect(jsonPath("$.size").value(500));
	}

	@Test
	void invalidFiltersAreProblem400() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		f.get("/api/v1/commissions?status=lost")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		f.get("/api/v1/commissions?from=yesterday")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("from")));
		f.get("/api/v1/commissions?page=-1").andExpect(status().isBadRequest());
		f.get("/api/v1/commissions?size=x").andExpect(status().isBadRequest());
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/commissions"))
			.andExpect(status().isUnauthorized());
	}

}
