package dev.partnerhub.console;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Console texts that used to confuse (issue 20): API docs tagged by resource with a way
 * back to the console, the commission list's filter in words with currencies on zero
 * totals, and the program form saying whose second-tier rate pays a tier-2 commission.
 */
@IntegrationTest
class ConsoleClarityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	private static RequestPostProcessor admin() {
		return user("admin@test.local").roles("ADMIN");
	}

	@Test
	void apiDocsAreTaggedByResourceAndLinkBackToTheConsole() throws Exception {
		String json = this.mvc.perform(get("/v3/api-docs").with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> tags = JsonPath.read(json, "$.tags[*].name");
		assertThat(tags).contains("Orders", "Commissions", "Partners", "Programs", "Rollup fields")
			.noneMatch(tag -> tag.contains("controller"));
		assertThat(JsonPath.<List<String>>read(json, "$.paths['/api/v1/orders'].post.tags")).containsExactly("Orders");
		assertThat(JsonPath.<String>read(json, "$.info.description")).startsWith("[← Back to the console](/admin)");
	}

	@Test
	void theCommissionListNamesItsFilterAndGivesZeroTotalsTheirCurrency() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Clarity " + suffix, "https://shop.example.com/", 1, "EUR",
					Rate.percent("10"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		String html = this.mvc
			.perform(get("/admin/commissions").param("program", String.valueOf(program.id()))
				.param("status", "pending")
				.param("partner", "nobody-" + suffix)
				.with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		// no rows: every status card says 0.00 in the program's currency
		assertThat(html)
			.contains("Filter (program Clarity " + suffix + ", partner nobody-" + suffix + ", status pending)");
		assertThat(html.replaceAll("\\s+", " ")).contains("0.00 <span class=\"small\">EUR</span>");
	}

	@Test
	void theProgramFormSaysWhoseSecondTierRatePays() throws Exception {
		String html = this.mvc.perform(get("/admin/programs/new").with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("id=\"second-tier-help\"")
			.contains("A sale's tier-2 commission always follows the recruiter's own program");
	}

}
