package dev.partnerhub.partners;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PartnerLoginTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	ProgramService programService;

	@Test
	void aPartnerCreatedWithAPasswordLogsInAtOnce() throws Exception {
		ProgramSummary program = new Fixtures(this.programService, this.contacts, this.partners).program("Login");
		String email = "login-" + Fixtures.unique() + "@test.local";
		String code = "login-" + Fixtures.unique();
		this.mvc.perform(post("/api/v1/partners").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"email": "%s", "firstName": "Lena", "program": "%s", "code": "%s", "password": "correct-horse-1"}
					""".formatted(email, program.name(), code))).andExpect(status().isCreated());
		assertPartnerCenterShows(email, "correct-horse-1", code);
	}

	@Test
	void aPartnerCreatedInTheConsoleWithAPasswordLogsInAtOnce() throws Exception {
		ProgramSummary program = new Fixtures(this.programService, this.contacts, this.partners).program("Login");
		String email = "console-" + Fixtures.unique() + "@test.local";
		String code = "console-" + Fixtures.unique();
		this.mvc
			.perform(post("/admin/partners/new").with(user("admin@test.local").roles("ADMIN"))
				.with(csrf())
				.param("email", email)
				.param("programId", String.valueOf(program.id()))
				.param("code", code)
				.param("status", "approved")
				.param("password", "battery-staple-2"))
			.andExpect(redirectedUrlPattern("/admin/partners/*"));
		assertPartnerCenterShows(email, "battery-staple-2", code);
	}

	private void assertPartnerCenterShows(String email, String password, String code) throws Exception {
		MockHttpSession session = (MockHttpSession) this.mvc.perform(formLogin("/login").user(email).password(password))
			.andExpect(redirectedUrl("/partner"))
			.andReturn()
			.getRequest()
			.getSession(false);
		this.mvc.perform(get("/partner").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(code)))
			// The payout schedule from the global settings is shown to partners (default:
			// monthly, day 15).
			.andExpect(content().string(containsString("monthly, on day 15 of the month")));
	}

}
