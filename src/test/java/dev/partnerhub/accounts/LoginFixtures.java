package dev.partnerhub.accounts;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountService;
import jakarta.servlet.http.Cookie;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Logins with unique e-mails for the login and account security tests, and log-in
 * requests from a chosen client address (the limits count per address: every test uses
 * its own made-up addresses, never MockMvc's 127.0.0.1).
 */
final class LoginFixtures {

	static final String DEVICE_COOKIE = "ph_device";

	private final MockMvc mvc;

	private final AccountService accounts;

	private String program;

	LoginFixtures(MockMvc mvc, AccountService accounts) {
		this.mvc = mvc;
		this.accounts = accounts;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	/** A made-up client address (10.x.y.z). */
	static String ip() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
	}

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/** An approved partner with a login (created through the API); his e-mail. */
	String partner(String password) throws Exception {
		String email = unique("login") + "@accounts.test";
		api("/api/v1/partners", """
				{"email": "%s", "firstName": "Lou", "lastName": "Login", "program": "%s", "password": "%s"}"""
			.formatted(email, program(), password));
		return email;
	}

	/** The name of this fixture's program (one per fixture, created through the API). */
	String program() throws Exception {
		if (this.program == null) {
			this.program = unique("Login program");
			api("/api/v1/programs", """
					{"name": "%s", "tiers": 1, "currency": "USD", "landingUrl": "https://shop.example.com/login",
					 "firstTierRate": {"type": "percent", "value": "10"}, "cookieDays": 30, "approvalDelayDays": null,
					 "minimumPayout": "0.00"}""".formatted(this.program));
		}
		return this.program;
	}

	/** A second admin (never lock out the shared bootstrap admin); his e-mail. */
	String admin(String password) {
		String email = unique("admin") + "@accounts.test";
		this.accounts.createAdmin(email, password);
		return email;
	}

	MvcResult login(String email, String password, String address, Cookie... cookies) throws Exception {
		var request = post("/login").param("username", email)
			.param("password", password)
			.with(csrf())
			.with(from(address));
		if (cookies.length > 0) {
			request.cookie(cookies);
		}
		return this.mvc.perform(request).andReturn();
	}

	/**
	 * Where a log-in sent the browser: /admin, /partner, /login?error, /login?throttled
	 * ...
	 */
	String landing(String email, String password, String address, Cookie... cookies) throws Exception {
		return login(email, password, address, cookies).getResponse().getRedirectedUrl();
	}

	static Cookie device(MvcResult result) {
		return result.getResponse().getCookie(DEVICE_COOKIE);
	}

	private void api(String path, String json) throws Exception {
		this.mvc
			.perform(post(path).header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated());
	}

}
