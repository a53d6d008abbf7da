package dev.partnerhub.accounts;

import java.time.Instant;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountLinks;
import dev.partnerhub.accounts.domain.AccountService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.accounts.LoginFixtures.from;
import static dev.partnerhub.accounts.LoginFixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 14, item 9, in the MockMvc context (container sessions, tracked by UserSessions'
 * registry): a password change ends the user's other sessions and keeps the one that made
 * it (under a new id); a reset link ends them all. The same on the real server with
 * Spring Session JDBC: {@code ops.PasswordChangeSessionsTests}.
 */
@IntegrationTest
class SessionEndTests {

	static final String PASSWORD = "session-password-1";

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
	void aPasswordChangeEndsTheOtherSessionsAndKeepsThisOne() throws Exception {
		String email = this.fx.partner(PASSWORD);
		String other = this.fx.partner(PASSWORD);
		MockHttpSession laptop = session(email, PASSWORD);
		MockHttpSession phone = session(email, PASSWORD);
		MockHttpSession someoneElse = session(other, PASSWORD);
		assertThat(status(laptop, "/partner")).isEqualTo(200);
		assertThat(status(phone, "/partner")).isEqualTo(200);
		String before = laptop.getId();

		MvcResult change = this.mvc
			.perform(post("/partner/settings/password").session(laptop)
				.with(csrf())
				.param("currentPassword", PASSWORD)
				.param("newPassword", "a-changed-password-1")
				.param("confirmPassword", "a-changed-password-1"))
			.andReturn();
		assertThat(change.getResponse().getRedirectedUrl()).isEqualTo("/partner/settings");

		assertThat(this.mvc.perform(get("/partner").session(phone)).andReturn().getResponse().getRedirectedUrl())
			.as("the other session is over")
			.isEqualTo("/login?expired");
		assertThat(status(laptop, "/partner")).as("the session that changed it goes on").isEqualTo(200);
		assertThat(laptop.getId()).as("under a new id").isNotEqualTo(before);
		assertThat(status(someoneElse, "/partner")).as("other users are not touched").isEqualTo(200);
		// the ended session is gone for good, also after the redirect
		assertThat(status(phone, "/partner")).isEqualTo(302);
		assertThat(this.mvc.perform(get("/login").param("expired", "")).andReturn().getResponse().getContentAsString())
			.contains("password of this account was changed");
	}

	@Test
	void aResetLinkEndsEverySessionOfTheLogin() throws Exception {
		String email = this.fx.partner(PASSWORD);
		MockHttpSession laptop = session(email, PASSWORD);
		MockHttpSession phone = session(email, PASSWORD);
		long accountId = this.jdbc.sql("select id from user_account where email = ?")
			.param(email)
			.query(Long.class)
			.single();
		String token = this.links.issue(accountId, AccountLinks.Purpose.RESET, AccountLinks.RESET_TTL, Instant.now());

		assertThat(this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", "after-the-reset-1")
				.param("confirm", "after-the-reset-1")
				.with(csrf())
				.with(from(ip())))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?passwordSet");

		assertThat(status(laptop, "/partner")).isEqualTo(302);
		assertThat(status(phone, "/partner")).isEqualTo(302);
		assertThat(this.fx.landing(email, "after-the-reset-1", ip())).isEqualTo("/partner");
	}

	@Test
	void anAdminsResetEndsHisSessionsToo() throws Exception {
		String admin = this.fx.admin("admin-session-pass-1");
		MockHttpSession console = session(admin, "admin-session-pass-1");
		assertThat(status(console, "/admin")).isEqualTo(200);
		long accountId = this.jdbc.sql("select id from user_account where email = ?")
			.param(admin)
			.query(Long.class)
			.single();
		String token = this.links.issue(accountId, AccountLinks.Purpose.RESET, AccountLinks.RESET_TTL, Instant.now());
		this.mvc.perform(post("/account/set-password").param("token", token)
			.param("password", "admin-after-reset-1")
			.param("confirm", "admin-after-reset-1")
			.with(csrf()));
		assertThat(status(console, "/admin")).isEqualTo(302);
	}

	private MockHttpSession session(String email, String password) throws Exception {
		MvcResult login = this.fx.login(email, password, ip());
		assertThat(login.getResponse().getRedirectedUrl()).isIn("/partner", "/admin");
		return (MockHttpSession) login.getRequest().getSession(false);
	}

	private int status(MockHttpSession session, String path) throws Exception {
		return this.mvc.perform(get(path).session(session)).andReturn().getResponse().getStatus();
	}

}
