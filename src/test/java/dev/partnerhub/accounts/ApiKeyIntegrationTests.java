package dev.partnerhub.accounts;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.ApiKeyService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ApiKeyIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiKeyService keys;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNewKeyWorksUntilItIsRevoked() throws Exception {
		String token = this.keys.create("integration " + System.nanoTime(), "admin@test.local");
		this.mvc.perform(get("/api/v1/settings").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

		long id = this.jdbc
			.sql("select id from api_key where token_hash = encode(sha256(convert_to(:t, 'UTF8')), 'hex')")
			.param("t", token)
			.query(Long.class)
			.single();
		assertThat(this.jdbc.sql("select last_used_at is not null from api_key where id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single()).as("use is recorded").isTrue();

		this.keys.revoke(id);
		this.mvc.perform(get("/api/v1/settings").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void onlyTheHashIsStored() {
		String token = this.keys.create("hashed " + System.nanoTime(), "admin@test.local");
		assertThat(this.jdbc.sql("select count(*) from api_key where token_hash = :t or prefix = :t")
			.param("t", token)
			.query(Long.class)
			.single()).isZero();
	}

}
