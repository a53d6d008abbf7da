package dev.partnerhub.programs;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.programs.domain.ExchangeRateService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.programs.ProgramConsoleTests.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's exchange-rate page: admins store and list rates, one by one or as CSV
 * lines (all or nothing).
 */
@IntegrationTest
class ExchangeRateConsoleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ExchangeRateService rates;

	static LocalDate someDay() {
		return LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
	}

	@Test
	void adminsStoreARateThroughTheFormAndSeeItListed() throws Exception {
		LocalDate day = someDay();
		this.mvc
			.perform(post("/admin/exchange-rates").with(ADMIN)
				.with(csrf())
				.param("base", "CAD")
				.param("quote", "AUD")
				.param("rate", "1.1075")
				.param("day", day.toString()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", containsString("CAD→AUD 1.1075 from " + day)));
		assertThat(this.rates.rateOn("CAD", "AUD", day).orElseThrow().rate()).isEqualByComparingTo("1.1075");
		this.mvc.perform(get("/admin/exchange-rates").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Exchange rates")));
		// another rate for the same day: refused with the reason, nothing changes
		this.mvc
			.perform(post("/admin/exchange-rates").with(ADMIN)
				.with(csrf())
				.param("base", "CAD")
				.param("quote", "AUD")
				.param("rate", "1.2")
				.param("day", day.toString()))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("never changed")));
		for (String[] bad : new String[][] { { "cad", "1.1" }, { "XXX", "1.1" }, { "CAD", "1e1" }, { "CAD", "-1" } }) {
			this.mvc
				.perform(post("/admin/exchange-rates").with(ADMIN)
					.with(csrf())
					.param("base", bad[0])
					.param("quote", "AUD")
					.param("rate", bad[1])
					.param("day", day.plusDays(1).toString()))
				.andExpect(status().isBadRequest());
		}
		assertThat(this.rates.find("CAD", "AUD", day.plusDays(1))).isEmpty();
		// partners never reach it
		this.mvc.perform(get("/admin/exchange-rates").with(user("p@example.com").roles("PARTNER")))
			.andExpect(status().isForbidden());
	}

	@Test
	void csvLinesAreStoredAllOrNothing() throws Exception {
		LocalDate day = someDay();
		this.mvc.perform(post("/admin/exchange-rates/import").with(ADMIN)
			.with(csrf())
			.param("csv", "base,quote,day,rate\nNZD,CHF,%s,0.52\nNZD,CHF,%s,0.53\n".formatted(day, day.plusDays(1))))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", "Imported 2 rate(s): 2 new, 0 already stored."));
		assertThat(this.rates.rateOn("NZD", "CHF", day.plusDays(5)).orElseThrow().rate()).isEqualByComparingTo("0.53");
		// a bad third line: the two good ones before it are not stored either
		this.mvc
			.perform(post("/admin/exchange-rates/import").with(ADMIN)
				.with(csrf())
				.param("csv",
						"NZD,CHF,%s,0.54\nNZD,CHF,%s,0.55\nNZD,chf,%s,0.56\n".formatted(day.plusDays(10),
								day.plusDays(11), day.plusDays(12))))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Line 3")));
		assertThat(this.rates.find("NZD", "CHF", day.plusDays(10))).isEmpty();
	}

}
