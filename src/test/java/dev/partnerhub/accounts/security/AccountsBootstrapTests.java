package dev.partnerhub.accounts.security;

import java.util.List;
import java.util.UUID;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountService;
import dev.partnerhub.accounts.domain.ApiKeyService;
import dev.partnerhub.support.StartupBanner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14, item 5: a configured admin password bcrypt cannot take stops the start with a
 * message naming it.
 */
@IntegrationTest
class AccountsBootstrapTests {

	@Autowired
	AccountService accounts;

	@Autowired
	ApiKeyService apiKeys;

	@Autowired
	StartupBanner banner;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void aConfiguredAdminPasswordOver72BytesIsRefusedWithAClearMessage() {
		for (String password : List.of("a".repeat(73), "é".repeat(40))) {
			String email = "boot-" + UUID.randomUUID() + "@accounts.test";
			AccountsBootstrap bootstrap = new AccountsBootstrap(this.accounts, this.apiKeys, this.banner, email,
					password, "");
			assertThatThrownBy(() -> bootstrap.run(null)).isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("partnerhub.bootstrap.admin-password: The password is too long")
				.hasMessageContaining("at most 72 bytes");
			assertThat(this.accounts.hasLogin(email)).isFalse();
		}
		String email = "boot-" + UUID.randomUUID() + "@accounts.test";
		new AccountsBootstrap(this.accounts, this.apiKeys, this.banner, email, "é".repeat(36), "").run(null);
		assertThat(this.accounts.hasLogin(email)).isTrue();
	}

	/** Issue 18: the start-up admin is the team's owner. */
	@Test
	void theConfiguredAdminIsCreatedAsOwner() {
		String email = "boot-" + UUID.randomUUID() + "@accounts.test";
		new AccountsBootstrap(this.accounts, this.apiKeys, this.banner, email, "owner-password-1", "").run(null);
		assertThat(this.jdbc.sql("select role from user_account where email = ?")
			.param(email)
			.query(String.class)
			.single()).isEqualTo("OWNER");
	}

}
