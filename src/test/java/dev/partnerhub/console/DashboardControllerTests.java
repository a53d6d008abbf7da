package dev.partnerhub.console;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** Slice test: the dashboard renders what the module APIs report. */
@WebMvcTest(DashboardController.class)
class DashboardControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ContactApi contacts;

	@MockitoBean
	PartnerApi partners;

	@MockitoBean
	ProgramApi programs;

	@Test
	void showsCountsAndPrograms() throws Exception {
		given(this.contacts.count()).willReturn(512L);
		given(this.partners.count()).willReturn(25L);
		given(this.programs.allPrograms()).willReturn(
				List.of(new ProgramSummary(7, "Partners Pro", "https://shop.example.com", 2, "USD", Rate.percent("30"),
						Rate.percent("5"), 60, 14, new BigDecimal("100.00"), true, null, null, Map.of())));
		given(this.programs.settings()).willReturn(new PartnerSettings(Credit.FIRST, "USD", Rate.percent("20"),
				Rate.percent("5"), 30, null, new BigDecimal("50.00"), "monthly", 15));

		this.mvc.perform(get("/admin").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(view().name("console/dashboard"))
			.andExpect(model().attribute("contactCount", 512L))
			.andExpect(content().string(containsString("Partners Pro")))
			.andExpect(content().string(containsString("two-tier")))
			.andExpect(content().string(containsString("<strong>first</strong>")));
	}

	@Test
	void emptyConsoleInvitesToCreateAProgram() throws Exception {
		given(this.programs.allPrograms()).willReturn(List.of());
		given(this.programs.settings()).willReturn(new PartnerSettings(Credit.LAST, "USD", Rate.percent("20"),
				Rate.percent("5"), 30, null, new BigDecimal("50.00"), "monthly", 15));

		this.mvc.perform(get("/admin").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Create your first partner program")));
	}

}
