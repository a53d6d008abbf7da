package dev.partnerhub.accounts.web;

import java.util.List;

import dev.partnerhub.accounts.domain.ApiKeyService;
import dev.partnerhub.support.InvalidInputException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Slice test of the API key page: the new key is shown once, forms need CSRF. */
@WebMvcTest(ApiKeyController.class)
class ApiKeyControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ApiKeyService keys;

	@Test
	void createShowsTheNewKeyOnce() throws Exception {
		given(this.keys.create("Shop", "admin@test.local")).willReturn("ph_secret");
		this.mvc
			.perform(post("/admin/api-keys").param("name", "Shop")
				.with(user("admin@test.local").roles("ADMIN"))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/api-keys"))
			.andExpect(flash().attribute("newKey", "ph_secret"));
	}

	@Test
	void invalidNameBecomesAnErrorMessage() throws Exception {
		given(this.keys.create("", "admin@test.local"))
			.willThrow(new InvalidInputException("name", "Give the key a name of at most 100 characters."));
		this.mvc.perform(
				post("/admin/api-keys").param("name", "").with(user("admin@test.local").roles("ADMIN")).with(csrf()))
			.andExpect(redirectedUrl("/admin/api-keys"))
			.andExpect(flash().attribute("error", "Give the key a name of at most 100 characters."));
	}

	@Test
	void createWithoutCsrfIsForbidden() throws Exception {
		this.mvc.perform(post("/admin/api-keys").param("name", "Shop").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isForbidden());
		then(this.keys).should(never()).create(anyString(), anyString());
	}

	@Test
	void listRenders() throws Exception {
		given(this.keys.list()).willReturn(List.of());
		this.mvc.perform(get("/admin/api-keys").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk());
	}

}
