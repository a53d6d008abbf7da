package dev.partnerhub.payouts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.payouts.PayoutDetailsApi.TaxInput;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The yearly report of paid amounts per partner and currency (never summed across
 * currencies), and its 1099-NEC filter.
 */
@IntegrationTest
class TaxReportTests {

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

	@Autowired
	PayoutDetailsApi details;

	@Test
	void paidAmountsPerPartnerAndCurrencyWithTheUsPersonThreshold() throws Exception {
		PayoutFixtures f = new PayoutFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
		ProgramSummary dollars = f.program("0");
		// a US person paid 20.00 USD, then (after moving to a EUR program) 30.00 EUR
		PartnerSummary us = f.partner(dollars, true);
		f.sales(us, 2);
		f.approve(us);
		PartnerSummary small = f.partner(dollars, true);
		f.sale(small);
		f.approve(small);
		this.details.saveTaxDetails(us.id(),
				new TaxInput("US Partner LLC", "US", "12-3456789", "business", true, true, "Sam Partner"));
		this.details.saveTaxDetails(small.id(),
				new TaxInput("Small Partner", "US", "123-45-6789", "individual", true, true, "Small Partner"));
		pay(dollars);
		ProgramSummary euros = this.programs
			.createProgram(new ProgramDefinition(unique("Euro tax "), "https://shop.example.com", 1, "EUR",
					Rate.percent("10"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		this.jdbc.sql("update partner set program_id = :p where id = :id")
			.param("p", euros.id())
			.param("id", us.id())
			.update();
		f.orders
			.postOrder("""
					{"orderId": "%s", "email": "%s@customers.example.com", "referral": "%s", "currency": "EUR",
					 "items": [%s]}""".formatted(unique("tx-"), unique("buyer"), us.code(),
					item(f.product.sku(), 3, "100.00")))
			.andExpect(status().isCreated());
		f.approve(us);
		pay(euros);

		int year = LocalDate.now(ZoneOffset.UTC).getYear();
		String all = csv("/admin/payouts/tax-report.csv?year=" + year);
		assertThat(all.lines().findFirst().orElseThrow()).isEqualTo(
				"partner_code,name,email,legal_name,country,tax_id,entity_type,us_person,currency,amount_paid,payments");
		assertThat(all)
			.contains(us.code() + ",Pat " + us.code() + "," + us.code()
					+ "@partners.example.com,US Partner LLC,US,******6789,business,yes,USD,20.00,1")
			.contains(",business,yes,EUR,30.00,1")
			.contains(small.code() + ",")
			.doesNotContain("12-3456789")
			.doesNotContain("50.00");

		String filtered = csv("/admin/payouts/tax-report.csv?year=" + year + "&usThreshold=20.00");
		assertThat(filtered).contains(us.code() + ",").doesNotContain(small.code() + ",");
		assertThat(filtered.lines().filter(l -> l.startsWith(us.code() + ",")).toList())
			.as("one line per currency at or above the threshold")
			.hasSize(2);
		assertThat(csv("/admin/payouts/tax-report.csv?year=" + (year - 1))).doesNotContain(us.code());

		String page = this.mvc.perform(get("/admin/payouts/tax-report").param("year", String.valueOf(year)).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("US Partner LLC").contains("20.00 USD").contains("30.00 EUR");
	}

	@Test
	void badInputIsAMessageNeverAServerError() throws Exception {
		String page = this.mvc.perform(get("/admin/payouts/tax-report").param("year", "20x6").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Enter a year between 2000");
		this.mvc.perform(get("/admin/payouts/tax-report.csv").param("usThreshold", "1e9").with(ADMIN))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/admin/payouts/tax-report.csv").param("year", "99999999999").with(ADMIN))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/admin/payouts/tax-report.csv").with(user("p@x.io").roles("PARTNER")))
			.andExpect(status().isForbidden());
	}

	void pay(ProgramSummary program) throws Exception {
		MvcResult created = this.mvc
			.perform(post("/api/v1/payouts").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + program.name() + "\"}"))
			.andExpect(status().isCreated())
			.andReturn();
		long id = ((Number) read(created, "$.id")).longValue();
		this.mvc.perform(post("/api/v1/payouts/{id}/paid", id).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk());
	}

	String csv(String url) throws Exception {
		return this.mvc.perform(get(url).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
