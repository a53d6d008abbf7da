package dev.partnerhub.programs;

import java.util.UUID;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ProgramApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String json)
			throws Exception {
		return this.mvc.perform(request.header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.replace('\'', '"')));
	}

	@Test
	void apiNeedsAKey() throws Exception {
		this.mvc.perform(post("/api/v1/programs").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/products")).andExpect(status().isUnauthorized());
	}

	@Test
	void productsCreateListAndGet() throws Exception {
		String sku = unique("API");
		send(post("/api/v1/products"), "{'sku':'" + sku + "','name':'Course','price':49,'currency':'USD'}")
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/products/" + sku))
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.sku").value(sku))
			.andExpect(jsonPath("$.price").value("49.00"))
			.andExpect(jsonPath("$.currency").value("USD"));
		send(post("/api/v1/products"),
				"{'sku':'" + sku.toLowerCase() + "','name':'Again','price':'1.00','currency':'USD'}")
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		send(post("/api/v1/products"), "{'sku':'" + unique("P") + "','name':'X','price':'1.001','currency':'USD'}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("price"));
		send(get("/api/v1/products/" + sku.toLowerCase()), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Course"));
		send(get("/api/v1/products/no-such-sku-" + sku), "").andExpect(status().isNotFound());
		send(get("/api/v1/products?q=" + sku + "&size=1"), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].sku").value(sku))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(1))
			.andExpect(jsonPath("$.total").value(1));
	}

	@Test
	void createProgramWithEverything() throws Exception {
		String sku = unique("PR");
		this.programs.createProduct(sku, "Membership", new java.math.BigDecimal("29.00"), "USD");
		String next = unique("Gold");
		send(post("/api/v1/programs"), "{'name':'" + next + "','landingUrl':'https://example.com'}")
			.andExpect(status().isCreated());
		String name = unique("Api Program");
		send(post("/api/v1/programs"), """
				{'name':'%s','tiers':2,'currency':'EUR','landingUrl':'https://example.com/sales',
				 'firstTierRate':{'type':'percent','value':'12.5'},'secondTierRate':{'type':'flat','value':2},
				 'cookieDays':90,'approvalDelayDays':null,'minimumPayout':'20','recurringCommissions':true,
				 'recurringMonths':6,'productRates':[{'sku':'%s','firstTierRate':{'type':'flat','value':'7.5'},
				 'secondTierRate':null}],'nextLevelProgram':'%s'}""".formatted(name, sku.toLowerCase(), next))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/v1/programs/")))
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.tiers").value(2))
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.firstTierRate.type").value("percent"))
			.andExpect(jsonPath("$.firstTierRate.value").value("12.5"))
			.andExpect(jsonPath("$.secondTierRate.type").value("flat"))
			.andExpect(jsonPath("$.secondTierRate.value").value("2.00"))
			.andExpect(jsonPath("$.cookieDays").value(90))
			.andExpect(jsonPath("$.approvalDelayDays").value(nullValue()))
			.andExpect(jsonPath("$.minimumPayout").value("20.00"))
			.andExpect(jsonPath("$.recurringMonths").value(6))
			.andExpect(jsonPath("$.productRates[0].sku").value(sku))
			.andExpect(jsonPath("$.productRates[0].firstTierRate.value").value("7.50"))
			.andExpect(jsonPath("$.productRates[0].secondTierRate").value(nullValue()))
			.andExpect(jsonPath("$.nextLevelProgram").value(next));

		send(get("/api/v1/programs/" + name.toUpperCase()), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(name));
		send(get("/api/v1/programs?size=100"), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isArray())
			.andExpect(jsonPath("$.total").isNumber());

		// PUT is a full update: productRates left out are removed
		send(put("/api/v1/programs/" + name),
				"{'name':'" + name + "','landingUrl':'https://example.com/v2','tiers':1,"
						+ "'firstTierRate':{'type':'percent','value':25},'approvalDelayDays':30}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.landingUrl").value("https://example.com/v2"))
			.andExpect(jsonPath("$.firstTierRate.value").value("25"))
			.andExpect(jsonPath("$.approvalDelayDays").value(30))
			.andExpect(jsonPath("$.productRates").isEmpty())
			.andExpect(jsonPath("$.nextLevelProgram").value(nullValue()));
		send(put("/api/v1/programs/" + unique("missing")), "{'name':'x','landingUrl':'https://example.com'}")
			.andExpect(status().isNotFound());
	}

	@Test
	void omittedFieldsTakeTheGlobalDefaults() throws Exception {
		PartnerSettings settings = this.programs.settings();
		String name = unique("Minimal");
		send(post("/api/v1/programs"), "{'name':'" + name + "','landingUrl':'https://example.com'}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.tiers").value(1))
			.andExpect(jsonPath("$.currency").value(settings.defaultCurrency()))
			.andExpect(jsonPath("$.cookieDays").value(settings.defaultCookieDays()))
			.andExpect(jsonPath("$.minimumPayout").value(settings.defaultMinimumPayout().setScale(2).toPlainString()))
			.andExpect(jsonPath("$.secondTierRate.type").value(settings.defaultSecondTierRate().type().value()))
			.andExpect(jsonPath("$.recurringCommissions").value(true))
			.andExpect(jsonPath("$.recurringMonths").value(nullValue()));
		ProgramSummary saved = this.programs.findProgramByName(name).orElseThrow();
		assertThat(saved.firstTierRate()).isEqualTo(settings.defaultFirstTierRate());
		assertThat(saved.secondTierRate()).isEqualTo(settings.defaultSecondTierRate());
		assertThat(saved.approvalDelayDays()).isEqualTo(settings.defaultApprovalDelayDays());
	}

	@Test
	void badRequestsAreProblems() throws Exception {
		String ok = "'landingUrl':'https://example.com'";
		send(post("/api/v1/programs"), "{'name':'" + unique("U") + "'," + ok + ",'colour':'red'}")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value(containsString("colour")));
		send(post("/api/v1/programs"),
				"{'name':'" + unique("T") + "'," + ok + ",'firstTierRate':{'type':'bogus','value':'5'}}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("firstTierRate.type"));
		send(post("/api/v1/programs"),
				"{'name':'" + unique("T") + "'," + ok + ",'firstTierRate':{'type':'percent','value':'abc'}}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("firstTierRate.value"));
		send(post("/api/v1/programs"),
				"{'name':'" + unique("T") + "'," + ok + ",'firstTierRate':{'type':'percent','value':101}}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("firstTierRate.value"));
		send(post("/api/v1/programs"), "{'name':'" + unique("T") + "','landingUrl':'javascript:alert(1)'}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("landingUrl"));
		send(post("/api/v1/programs"), "{'name':'" + unique("T") + "'," + ok + ",'tiers':3}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("tiers"));
		send(post("/api/v1/programs"), "{'name':'" + unique("T") + "'," + ok + ",'cookieDays':'soon'}")
			.andExpect(status().isBadRequest());
		send(post("/api/v1/programs"),
				"{'name':'" + unique("T") + "'," + ok + ",'productRates':[{'sku':'no-such-sku-" + UUID.randomUUID()
						+ "','firstTierRate':{'type':'percent','value':1}}]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("productRates[0].sku"));
		send(post("/api/v1/programs"),
				"{'name':'" + unique("T") + "'," + ok + ",'nextLevelProgram':'" + unique("none") + "'}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nextLevelProgram"));
	}

	@Test
	void duplicateNameIsAConflict() throws Exception {
		String name = unique("Twice");
		send(post("/api/v1/programs"), "{'name':'" + name + "','landingUrl':'https://example.com'}")
			.andExpect(status().isCreated());
		send(post("/api/v1/programs"), "{'name':'" + name.toLowerCase() + "','landingUrl':'https://example.com'}")
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void settingsRoundTripWithPartialPut() throws Exception {
		PartnerSettings before = this.programs.settings();
		try {
			send(get("/api/v1/settings"), "").andExpect(status().isOk())
				.andExpect(jsonPath("$.credit").value(before.credit().value()))
				.andExpect(jsonPath("$.defaultMinimumPayout")
					.value(before.defaultMinimumPayout().setScale(2).toPlainString()))
				.andExpect(jsonPath("$.defaultFirstTierRate.type").isString());
			send(put("/api/v1/settings"), "{'credit':'first'}").andExpect(status().isOk())
				.andExpect(jsonPath("$.credit").value("first"))
				.andExpect(jsonPath("$.defaultCookieDays").value(before.defaultCookieDays()))
				.andExpect(jsonPath("$.defaultCurrency").value(before.defaultCurrency()));
			assertThat(this.programs.settings().credit()).isEqualTo(Credit.FIRST);
			assertThat(this.programs.settings().defaultFirstTierRate()).isEqualTo(before.defaultFirstTierRate());

			send(put("/api/v1/settings"),
					"{'defaultApprovalDelayDays':21,'defaultSecondTierRate':{'type':'flat','value':'1.5'},"
							+ "'defaultMinimumPayout':'75'}")
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.defaultApprovalDelayDays").value(21))
				.andExpect(jsonPath("$.defaultSecondTierRate.value").value("1.50"))
				.andExpect(jsonPath("$.defaultMinimumPayout").value("75.00"))
				.andExpect(jsonPath("$.credit").value("first"));
			send(put("/api/v1/settings"), "{'defaultApprovalDelayDays':null}").andExpect(status().isOk())
				.andExpect(jsonPath("$.defaultApprovalDelayDays").value(nullValue()));

			send(put("/api/v1/settings"), "{'credit':'middle'}").andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("credit"));
			send(put("/api/v1/settings"), "{'credit':'last','surprise':1}").andExpect(status().isBadRequest());
			send(put("/api/v1/settings"), "{'defaultFirstTierRate':{'type':'percent','value':'120'}}")
				.andExpect(status().isBadRequest());
			assertThat(this.programs.settings().credit()).isEqualTo(Credit.FIRST);
		}
		finally {
			this.programs.updateSettings(before);
		}
	}

}
