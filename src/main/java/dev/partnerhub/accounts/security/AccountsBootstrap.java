package dev.partnerhub.accounts.security;

import java.security.SecureRandom;

import dev.partnerhub.accounts.domain.AccountService;
import dev.partnerhub.accounts.domain.ApiKeyService;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.PartnerhubProperties;
import dev.partnerhub.support.StartupBanner;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first admin (the owner of the team) and API key. Configured credentials are used as
 * given; with none and no admin yet, an admin with a random password is created and both
 * are printed in the start-up banner.
 */
@Component
@Order(0)
class AccountsBootstrap implements ApplicationRunner {

	static final String DEFAULT_ADMIN_EMAIL = "admin@partnerhub.local";

	private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final AccountService accounts;

	private final ApiKeyService apiKeys;

	private final StartupBanner banner;

	private final String adminEmail;

	private final String adminPassword;

	private final String apiKey;

	@Autowired
	AccountsBootstrap(AccountService accounts, ApiKeyService apiKeys, StartupBanner banner,
			PartnerhubProperties properties) {
		this(accounts, apiKeys, banner, properties.bootstrap().adminEmail(), properties.bootstrap().adminPassword(),
				properties.bootstrap().apiKey());
	}

	AccountsBootstrap(AccountService accounts, ApiKeyService apiKeys, StartupBanner banner, String adminEmail,
			String adminPassword, String apiKey) {
		this.accounts = accounts;
		this.apiKeys = apiKeys;
		this.banner = banner;
		this.adminEmail = adminEmail.strip();
		this.adminPassword = adminPassword;
		this.apiKey = apiKey.strip();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.adminEmail.isEmpty() && !this.adminPassword.isEmpty()) {
			if (!this.accounts.hasLogin(this.adminEmail)) {
				try {
					this.accounts.createOwner(this.adminEmail, this.adminPassword);
				}
				catch (InvalidInputException ex) {
					// a start-up that names the setting, not bcrypt's
					// IllegalArgumentException
					throw new IllegalStateException("partnerhub.bootstrap.admin-password: " + ex.getMessage(), ex);
				}
			}
			this.banner.add("Admin:   " + this.adminEmail + " (password from partnerhub.bootstrap.admin-password)");
		}
		else if (!this.accounts.adminExists()) {
			String password = randomPassword();
			this.accounts.createOwner(DEFAULT_ADMIN_EMAIL, password);
			this.banner.add("Admin:   " + DEFAULT_ADMIN_EMAIL + " / " + password);
			this.banner.add("         (shown once; set partnerhub.bootstrap.admin-email/-password to choose your own)");
		}
		else {
			this.banner
				.add("Admin:   log in with the admin account created at first start (its password was printed then)");
		}
		if (!this.apiKey.isEmpty()) {
			this.apiKeys.registerIfAbsent("bootstrap", this.apiKey);
			this.banner.add("API key: from partnerhub.bootstrap.api-key (Authorization: Bearer <key>)");
		}
	}

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
		}
		return password.toString();
	}

}
