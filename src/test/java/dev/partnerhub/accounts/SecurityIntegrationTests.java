package dev.partnerhub.accounts;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SecurityIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void consoleNeedsLogin() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void partnersMayNotOpenTheConsole() throws Exception {
		this.mvc.perform(get("/admin").with(user("p@test.local").roles("PARTNER"))).andExpect(status().isForbidden());
	}

	@Test
	void adminsMayNotOpenThePartnerCenter() throws Exception {
		this.mvc.perform(get("/partner").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isForbidden());
	}

	@Test
	void bootstrapAdminLogsInAndLandsInTheConsole() throws Exception {
		this.mvc.perform(formLogin("/login").user("admin@test.local").password("admin-password-1"))
			.andExpect(redirectedUrl("/admin"));
	}

	@Test
	void wrongPasswordIsRefused() throws Exception {
		this.mvc.perform(formLogin("/login").user("admin@test.local").password("wrong"))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void repeatedFailuresThrottleTheUserName() throws Exception {
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(formLogin("/login").user("throttled@test.local").password("nope" + i))
				.andExpect(redirectedUrl("/login?error"));
		}
		this.mvc.perform(formLogin("/login").user("throttled@test.local").password("anything"))
			.andExpect(redirectedUrl("/login?throttled"));
	}

	@Test
	void loginWithoutCsrfTokenIsRejected() throws Exception {
		this.mvc.perform(post("/login").param("username", "admin@test.local").param("password", "admin-password-1"))
			.andExpect(status().isForbidden());
	}

	@Test
	void apiWithoutKeyIsProblem401() throws Exception {
		this.mvc.perform(get("/api/v1/settings"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void apiWithUnknownKeyIs401() throws Exception {
		this.mvc.perform(get("/api/v1/settings").header("Authorization", "Bearer ph_not_a_key"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void sessionIdChangesAtLogin() throws Exception {
		org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
		String before = session.getId();
		var result = this.mvc.perform(formLogin("/login").user("admin@test.local").password("admin-password-1"))
			.andExpect(redirectedUrl("/admin"))
			.andReturn();
		org.assertj.core.api.Assertions.assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
	}

	@Test
	void openApiDescriptionIsForAdminsOnly() throws Exception {
		this.mvc.perform(get("/v3/api-docs").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/v3/api-docs").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/api/v1/partners")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/api/v1/programs")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("bearer")));
	}

	@Test
	void pagesCarrySecurityHeaders() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().exists("Content-Security-Policy"));
	}

}
