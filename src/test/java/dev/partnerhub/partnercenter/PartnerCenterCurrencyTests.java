package dev.partnerhub.partnercenter;

import java.math.BigDecimal;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Partner;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Sale;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.partnercenter.PartnerCenterFixtures.daysAgo;
import static dev.partnerhub.partnercenter.PartnerCenterFixtures.unique;
import static dev.partnerhub.partnercenter.PartnerCenterPagesTests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 14 item 7: a partner with commissions in two currencies sees a total per
 * currency, never one figure that adds them up. Jane earns 10.00 USD in a USD program,
 * moves to a EUR program and earns 5.00 EUR there.
 */
@IntegrationTest
class PartnerCenterCurrencyTests {

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
	dev.partnerhub.tracking.domain.ClickRecorder recorder;

	PartnerCenterFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new PartnerCenterFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc,
				this.recorder);
	}

	@Test
	void twoCurrenciesAreTwoTotalsOnTheDashboardNeverOneSum() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		Sale usd = this.fixtures.sale(jane, "Ann", daysAgo(3)); // 10.00 USD
		ProgramSummary euros = this.programs
			.createProgram(new ProgramDefinition(unique("PC Euro "), "https://shop.example.com", 2, "EUR",
					Rate.percent("10"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		this.mvc
			.perform(put("/api/v1/partners/{code}/program", jane.code()).header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + euros.name() + "\"}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/api/v1/orders").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"orderId": "%s", "email": "%s@customers.example.com", "referral": "%s", "occurredAt": "%s",
						 "currency": "EUR", "items": [{"sku": "%s", "quantity": 1, "unitPrice": "50.00"}]}
						""".formatted(unique("pco-"), unique("bob"), jane.code(), daysAgo(2),
						this.fixtures.product.sku())))
			.andExpect(status().isCreated());
		this.fixtures.setStatus(usd.commissionId(), "approved", null);

		Html page = Html.of(this.mvc.perform(get("/partner").with(as(jane))).andExpect(status().isOk()));
		// his program is in EUR now: the EUR figures are the main ones, the USD ones
		// stand apart
		assertThat(page.text("#earnings-pending")).isEqualTo("5.00");
		assertThat(page.text("#earnings-approved")).isEqualTo("0.00");
		assertThat(page.text("#earnings-approved-USD")).isEqualTo("10.00 USD");
		assertThat(page.has("#earnings-pending-USD")).isFalse();
		assertThat(page.text("#fig-sales")).isEqualTo("2");
		assertThat(page.text("#figures")).doesNotContain("15.00");
		// the chart adds amounts up, so it shows his program's currency only
		assertThat(page.rows("#earnings-per-bucket").stream().map(row -> row.get(1)).toList()).doesNotContain("10.00")
			.contains("5.00");
	}

}
