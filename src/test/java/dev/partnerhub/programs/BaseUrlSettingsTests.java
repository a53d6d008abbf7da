package dev.partnerhub.programs;

import dev.partnerhub.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.programs.ProgramConsoleTests.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 14, item 15: the console's settings page shows the public address links in
 * e-mails use, with a warning while it is the default (the test context sets no
 * {@code partnerhub.base-url}).
 */
@IntegrationTest
class BaseUrlSettingsTests {

	@Autowired
	MockMvc mvc;

	@Test
	void theSettingsPageShowsTheBaseUrlAndWarnsWhileItIsTheDefault() throws Exception {
		Document page = Jsoup.parse(this.mvc.perform(get("/admin/settings").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.select("#base-url-value").text()).isEqualTo("http://localhost:8080");
		assertThat(page.select("#base-url-warning").text()).contains("Partners cannot open these links")
			.contains("partnerhub.base-url is not set");

		// Also when the settings form comes back with an error.
		Document invalid = Jsoup.parse(
				this.mvc
					.perform(post("/admin/settings").with(ADMIN)
						.with(csrf())
						.param("credit", "nobody")
						.param("payoutSchedule", "weekly")
						.param("payoutDay", "99"))
					.andReturn()
					.getResponse()
					.getContentAsString());
		assertThat(invalid.select("#base-url-value").text()).isEqualTo("http://localhost:8080");
		assertThat(invalid.select("#base-url-warning")).hasSize(1);
	}

}
