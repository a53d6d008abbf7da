package dev.partnerhub.rollups;

import java.math.BigDecimal;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.domain.RollupEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 14 item 7: a money rollup (sum/avg/min/max) never adds currencies: it takes the
 * rows in the currency of the partner's current program, and follows when he moves to a
 * program of another currency; a count counts every row.
 */
@IntegrationTest
class RollupCurrencyTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RollupEngine engine;

	RollupFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
	}

	void move(PartnerSummary partner, ProgramSummary program) throws Exception {
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.put("/api/v1/partners/{code}/program", partner.code())
				.header("Authorization", IntegrationTest.BEARER)
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + program.name() + "\"}"))
			.andExpect(status().isOk());
	}

	@Test
	void aSumTakesTheProgramsCurrencyOnlyAndFollowsAProgramChange() throws Exception {
		ProgramSummary dollars = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProgramSummary euros = this.programs
			.createProgram(new ProgramDefinition(unique("Rollup euros "), "https://shop.example.com", 1, "EUR",
					Rate.percent("10"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		ProductSummary product = this.fx.orders.product("100.00");
		PartnerSummary partner = this.fx.partner(dollars, null);
		this.fx.orders
			.postOrder(dev.partnerhub.orders.OrderFixtures.order(unique("ro-"),
					unique("buyer") + "@customers.example.com", partner.code(), item(product.sku(), 1, "100.00")))
			.andExpect(status().isCreated()); // 10.00 USD
		move(partner, euros);
		this.fx.orders
			.postOrder("""
					{"orderId": "%s", "email": "%s@customers.example.com", "referral": "%s", "currency": "EUR",
					 "items": [%s]}""".formatted(unique("ro-"), unique("buyer"), partner.code(),
					item(product.sku(), 1, "50.00")))
			.andExpect(status().isCreated()); // 5.00 EUR
		String name = unique("earned ");
		long sum = this.fx.rollup("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount"}"""
			.formatted(name));
		String countName = unique("count ");
		long count = this.fx.rollup("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned"}""".formatted(countName));

		// in a EUR program: 5.00 (never 15.00), both stored and on read; the count counts
		// both
		assertThat(this.fx.stored(sum, partner.contactId())).isEqualByComparingTo("5.00");
		assertThat(this.fx.apiValues(partner.code())).containsEntry(name, "5.00");
		assertThat(this.fx.stored(count, partner.contactId())).isEqualByComparingTo("2");

		// back in a USD program: the stored value follows without any new commission
		move(partner, dollars);
		assertThat(this.fx.stored(sum, partner.contactId())).isEqualByComparingTo("10.00");
		// a program that changes its currency marks its partners too
		this.jdbc.sql("update program set currency = 'EUR' where id = :id").param("id", dollars.id()).update();
		assertThat(this.fx.stored(sum, partner.contactId())).isEqualByComparingTo("5.00");
	}

}
