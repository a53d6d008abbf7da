package dev.partnerhub.accounts;

import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountLinks;
import dev.partnerhub.accounts.domain.AccountService;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.accounts.LoginFixtures.from;
import static dev.partnerhub.accounts.LoginFixtures.ip;
import static dev.partnerhub.accounts.LoginFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 14, item 5: bcrypt reads at most 72 bytes of UTF-8. A longer password (73 ASCII
 * characters, or 40 × "é" = 80 bytes in 40 characters) is a clear message wherever a
 * password is chosen, never a 500; at the login it simply does not match (not even when
 * its first 72 bytes are the password).
 */
@IntegrationTest
class PasswordRulesTests {

	static final String ASCII_73 = "a".repeat(73);

	static final String ACCENTS_40 = "é".repeat(40);

	static final List<String> TOO_LONG = List.of(ASCII_73, ACCENTS_40);

	static final String MESSAGE = "at most 72 bytes";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountService accounts;

	@Autowired
	AccountLinks links;

	@Autowired
	JdbcClient jdbc;

	LoginFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoginFixtures(this.mvc, this.accounts);
	}

	@Test
	void partnerSignUpShowsTheMessageOnTheForm() throws Exception {
		String program = this.fx.program();
		for (String password : TOO_LONG) {
			String email = unique("signup") + "@accounts.test";
			MockHttpServletResponse response = this.mvc
				.perform(post("/partners/signup/{program}", program).param("firstName", "Lee")
					.param("lastName", "Long")
					.param("email", email)
					.param("password", password)
					.param("confirmPassword", password)
					.param("terms", "true")
					.with(csrf())
					.with(from(ip())))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(password).isEqualTo(400);
			assertThat(Jsoup.parse(response.getContentAsString()).select("#password-error").text()).contains(MESSAGE);
			assertThat(count("select count(*) from user_account where email = ?", email)).isZero();
			assertThat(count("select count(*) from contact where email = ?", email)).isZero();
		}
	}

	@Test
	void setPasswordWithALinkShowsTheMessageAndKeepsTheLink() throws Exception {
		String email = this.fx.partner("the-old-password-1");
		long accountId = count("select id from user_account where email = ?", email);
		String token = this.links.issue(accountId, AccountLinks.Purpose.RESET, AccountLinks.RESET_TTL, Instant.now());
		for (String password : TOO_LONG) {
			MockHttpServletResponse response = this.mvc
				.perform(post("/account/set-password").param("token", token)
					.param("password", password)
					.param("confirm", password)
					.with(csrf()))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(password).isEqualTo(400);
			assertThat(Jsoup.parse(response.getContentAsString()).select("#password-error").text()).contains(MESSAGE);
		}
		// exactly 72 bytes is fine, and the link was not used up by the refusals
		String accents36 = "é".repeat(36);
		assertThat(this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", accents36)
				.param("confirm", accents36)
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?passwordSet");
		assertThat(this.fx.landing(email, accents36, ip())).isEqualTo("/partner");
	}

	@Test
	void partnerCenterPasswordChangeShowsTheMessage() throws Exception {
		String email = this.fx.partner("the-old-password-1");
		for (String password : TOO_LONG) {
			MockHttpServletResponse response = this.mvc
				.perform(post("/partner/settings/password").with(user(email).roles("PARTNER"))
					.with(csrf())
					.param("currentPassword", "the-old-password-1")
					.param("newPassword", password)
					.param("confirmPassword", password))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(password).isEqualTo(200);
			assertThat(Jsoup.parse(response.getContentAsString()).select("#newPassword-error").text())
				.startsWith("The new password is too long")
				.contains(MESSAGE);
		}
		assertThat(this.fx.landing(email, "the-old-password-1", ip())).isEqualTo("/partner");
	}

	@Test
	void apiPartnerWithATooLongPasswordIsA400NamingTheField() throws Exception {
		String program = this.fx.program();
		for (String password : TOO_LONG) {
			String email = unique("api") + "@accounts.test";
			MockHttpServletResponse response = this.mvc
				.perform(post("/api/v1/partners").header("Authorization", IntegrationTest.BEARER)
					.contentType(MediaType.APPLICATION_JSON)
					.content("""
							{"email": "%s", "firstName": "Al", "program": "%s", "password": "%s"}""".formatted(email,
							program, password)))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(password).isEqualTo(400);
			assertThat(response.getContentType()).contains("application/problem+json");
			String body = response.getContentAsString();
			assertThat(JsonPath.<List<String>>read(body, "$.errors[*].field")).containsExactly("password");
			assertThat(JsonPath.<String>read(body, "$.errors[0].message")).contains(MESSAGE);
			assertThat(count("select count(*) from contact where email = ?", email)).isZero();
		}
	}

	@Test
	void consoleNewPartnerFormShowsTheMessage() throws Exception {
		long programId = count("select id from program where name = ?", this.fx.program());
		for (String password : TOO_LONG) {
			String email = unique("console") + "@accounts.test";
			MockHttpServletResponse response = this.mvc
				.perform(post("/admin/partners/new").with(user("admin@test.local").roles("ADMIN"))
					.with(csrf())
					.param("email", email)
					.param("firstName", "Con")
					.param("lastName", "Sole")
					.param("programId", String.valueOf(programId))
					.param("status", "approved")
					.param("password", password))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(password).isEqualTo(200);
			assertThat(response.getContentAsString()).contains(MESSAGE);
			assertThat(count("select count(*) from user_account where email = ?", email)).isZero();
		}
	}

	@Test
	void theServiceRefusesItToo() {
		for (String password : TOO_LONG) {
			String email = unique("service") + "@accounts.test";
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.accounts.createAdmin(email, password))
				.isInstanceOf(dev.partnerhub.support.InvalidInputException.class)
				.hasMessageContaining(MESSAGE);
		}
	}

	@Test
	void aTooLongPasswordAtTheLoginJustDoesNotMatch() throws Exception {
		String password72 = "p".repeat(72);
		String email = this.fx.partner(password72);
		assertThat(this.fx.landing(email, password72, ip())).isEqualTo("/partner");
		// bcrypt would compare only the first 72 bytes: the 73rd character must not be
		// ignored
		assertThat(this.fx.landing(email, password72 + "x", ip())).isEqualTo("/login?error");
		assertThat(this.fx.landing(email, ACCENTS_40, ip())).isEqualTo("/login?error");
		assertThat(this.fx.landing(email, "x".repeat(100_000), ip())).isEqualTo("/login?error");
	}

	private long count(String sql, String value) {
		return this.jdbc.sql(sql).param(value).query(Long.class).single();
	}

}
