package dev.partnerhub.accounts;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountService;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.accounts.LoginFixtures.device;
import static dev.partnerhub.accounts.LoginFixtures.from;
import static dev.partnerhub.accounts.LoginFixtures.ip;
import static dev.partnerhub.accounts.LoginFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 14, item 10: strangers cannot keep a user's reset e-mails away from him. The page
 * answers the same to everybody; per e-mail address at most 3 e-mails per 15 minutes
 * (quietly), per client address 10 requests per hour (429), and a browser with the
 * account's device cookie is never held back by either (5 per hour per device).
 */
@IntegrationTest
class ResetLimitTests {

	static final String PASSWORD = "reset-limit-password-1";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcClient jdbc;

	LoginFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoginFixtures(this.mvc, this.accounts);
	}

	@Test
	void strangersUsingUpTheEmailsQuotaDoNotStopTheOwnersKnownBrowser() throws Exception {
		String email = this.fx.partner(PASSWORD);
		Cookie device = device(this.fx.login(email, PASSWORD, ip()));
		assertThat(device).isNotNull();

		// five anonymous requests from five addresses: three e-mails, then quiet, with
		// the same answer
		String answer = null;
		for (int i = 0; i < 5; i++) {
			MockHttpServletResponse response = reset(email, ip());
			assertThat(response.getStatus()).isEqualTo(200);
			answer = answer == null ? response.getContentAsString() : answer;
			assertThat(response.getContentAsString()).isEqualTo(answer);
		}
		assertThat(mails(email)).isEqualTo(3);
		assertThat(reset(email, ip()).getContentAsString()).isEqualTo(answer);
		assertThat(mails(email)).as("a stranger, or the owner on an unknown browser, waits").isEqualTo(3);

		// the owner's browser gets its e-mail at once, with the same answer
		MockHttpServletResponse own = reset(email, ip(), device);
		assertThat(own.getStatus()).isEqualTo(200);
		assertThat(own.getContentAsString()).isEqualTo(answer);
		assertThat(mails(email)).isEqualTo(4);
	}

	@Test
	void aStrangerFloodingTheOwnersAddressDoesNotStopHisKnownBrowser() throws Exception {
		String email = this.fx.partner(PASSWORD);
		String office = ip();
		Cookie device = device(this.fx.login(email, PASSWORD, office));
		for (int i = 0; i < 10; i++) {
			assertThat(reset(unique("someone") + "@accounts.test", office).getStatus()).isEqualTo(200);
		}
		assertThat(reset(email, office).getStatus()).isEqualTo(429);
		assertThat(mails(email)).isZero();
		assertThat(reset(email, office, device).getStatus()).isEqualTo(200);
		assertThat(mails(email)).isEqualTo(1);
	}

	@Test
	void aKnownBrowserIsLimitedToo() throws Exception {
		String email = this.fx.partner(PASSWORD);
		Cookie device = device(this.fx.login(email, PASSWORD, ip()));
		for (int i = 0; i < 5; i++) {
			assertThat(reset(email, ip(), device).getStatus()).isEqualTo(200);
		}
		assertThat(reset(email, ip(), device).getStatus()).isEqualTo(429);
		assertThat(mails(email)).isEqualTo(5);
		// a device cookie of another account is no device cookie for this one
		String other = this.fx.partner(PASSWORD);
		for (int i = 0; i < 4; i++) {
			reset(other, ip(), device);
		}
		assertThat(mails(other)).isEqualTo(3);
	}

	private MockHttpServletResponse reset(String email, String address, Cookie... cookies) throws Exception {
		var request = post("/account/reset").param("email", email).with(csrf()).with(from(address));
		if (cookies.length > 0) {
			request.cookie(cookies);
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	private long mails(String email) {
		return this.jdbc
			.sql("select count(*) from mail_message where to_address = ? and template_key = 'password-reset'")
			.param(email)
			.query(Long.class)
			.single();
	}

}
