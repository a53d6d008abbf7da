package dev.partnerhub.mail;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The outbox list's paging contract, which a move to Spring's {@code Pageable} must keep:
 * the default size 50, at most 200 a page, junk paging falls back, only whitelisted sort
 * keys reach the query, and a {@code %} in the sort key is no 500 (Spring Data's sort
 * resolver URL-decodes the value a second time and throws on it).
 */
@IntegrationTest
class OutboxListTests {

	static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt");

	@Autowired
	MockMvc mvc;

	@Test
	void pageAndSizeStayWithinTheListsBounds() throws Exception {
		assertThat(rows(get("/admin/outbox")).getSize()).isEqualTo(50);
		assertThat(rows(get("/admin/outbox").param("size", "5000")).getSize()).isEqualTo(200);
		assertThat(rows(get("/admin/outbox").param("size", "abc")).getSize()).isEqualTo(50);
		assertThat(rows(get("/admin/outbox").param("size", "-4")).getSize()).isEqualTo(50);
		assertThat(rows(get("/admin/outbox").param("size", "20").param("page", "2")).getPageable().getPageNumber())
			.isEqualTo(2);
		assertThat(rows(get("/admin/outbox").param("page", "-3")).getNumber()).isZero();
		assertThat(rows(get("/admin/outbox").param("page", "999999999")).getNumber()).isEqualTo(100_000);
	}

	@Test
	void onlyWhitelistedSortKeysReachTheQuery() throws Exception {
		assertThat(rows(get("/admin/outbox").param("sort", "attempts,desc")).getSort())
			.isEqualTo(Sort.by(Sort.Direction.DESC, "attempts"));
		assertThat(rows(get("/admin/outbox").param("sort", "nope,desc")).getSort()).isEqualTo(NEWEST_FIRST);
		assertThat(rows(get("/admin/outbox").param("sort", "created_at; drop table mail_message")).getSort())
			.isEqualTo(NEWEST_FIRST);
		assertThat(rows(get("/admin/outbox")).getSort()).isEqualTo(NEWEST_FIRST);
		assertThat(rows(get("/admin/outbox").param("sort", "%Px,desc")).getSort()).isEqualTo(NEWEST_FIRST);
	}

	@Test
	void junkFiltersAreNoFilters() throws Exception {
		this.mvc.perform(get("/admin/outbox").param("status", "nope").param("to", "  \u0000 ").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(model().attribute("selectedStatus", ""))
			.andExpect(model().attribute("to", ""));
		this.mvc.perform(get("/admin/outbox").param("status", "failed").with(ADMIN))
			.andExpect(model().attribute("selectedStatus", "failed"));
	}

	private Page<?> rows(MockHttpServletRequestBuilder request) throws Exception {
		Object rows = this.mvc.perform(request.with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getModelAndView()
			.getModel()
			.get("rows");
		return (Page<?>) rows;
	}

}
