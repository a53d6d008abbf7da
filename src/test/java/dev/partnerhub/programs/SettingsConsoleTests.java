package dev.partnerhub.programs;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.partnerhub.programs.ProgramConsoleTests.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SettingsConsoleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	/**
	 * A complete, valid form; {@code overrides} are name/value pairs that replace fields.
	 */
	static MockHttpServletRequestBuilder settingsForm(String... overrides) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("credit", "first");
		fields.put("defaultCurrency", "EUR");
		fields.put("defaultFirstTierRateType", "percent");
		fields.put("defaultFirstTierRateValue", "12.5");
		fields.put("defaultSecondTierRateType", "flat");
		fields.put("defaultSecondTierRateValue", "3");
		fields.put("defaultCookieDays", "60");
		fields.put("defaultApprovalDelayDays", "");
		fields.put("defaultMinimumPayout", "10.00");
		fields.put("payoutSchedule", "weekly");
		fields.put("payoutDay", "5");
		for (int i = 0; i < overrides.length; i += 2) {
			fields.put(overrides[i], overrides[i + 1]);
		}
		MockHttpServletRequestBuilder request = post("/admin/settings").with(ADMIN).with(csrf());
		fields.forEach(request::param);
		return request;
	}

	@Test
	void showsAndSavesSettings() throws Exception {
		PartnerSettings before = this.programs.settings();
		try {
			this.mvc.perform(get("/admin/settings").with(ADMIN))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Who gets the credit")));
			this.mvc.perform(settingsForm())
				.andExpect(redirectedUrl("/admin/settings"))
				.andExpect(flash().attribute("message", "Partner settings saved."));
			PartnerSettings saved = this.programs.settings();
			assertThat(saved.credit()).isEqualTo(Credit.FIRST);
			assertThat(saved.defaultCurrency()).isEqualTo("EUR");
			assertThat(saved.defaultFirstTierRate().value()).isEqualByComparingTo("12.5");
			assertThat(saved.defaultSecondTierRate().type()).isEqualTo(RateType.FLAT);
			assertThat(saved.defaultCookieDays()).isEqualTo(60);
			assertThat(saved.defaultApprovalDelayDays()).isNull();
			assertThat(saved.payoutSchedule()).isEqualTo("weekly");
			assertThat(saved.payoutDay()).isEqualTo(5);
		}
		finally {
			this.programs.updateSettings(before);
		}
	}

	@Test
	void invalidValuesStayOnTheFormBesideTheirFields() throws Exception {
		PartnerSettings before = this.programs.settings();
		this.mvc.perform(settingsForm("payoutDay", "9"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("settings", "payoutDay"))
			.andExpect(content().string(containsString("Weekly payout day is 1 (Monday) to 7 (Sunday).")));
		this.mvc.perform(settingsForm("defaultCookieDays", "lots", "defaultFirstTierRateValue", "150"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("settings", "defaultCookieDays"));
		this.mvc.perform(settingsForm("defaultFirstTierRateValue", "150"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("settings", "defaultFirstTierRateValue"));
		this.mvc.perform(settingsForm("credit", "middle"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("settings", "credit"));
		assertThat(this.programs.settings()).isEqualTo(before);
	}

}
