package dev.partnerhub.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.accounts.domain.AccountService;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 17: a partner changes his login e-mail in the partner center. The confirmation
 * link goes to the new address (24 h, single use), the old address is told; only the
 * confirmation changes the login, and his other sessions end.
 */
@IntegrationTest
class LoginEmailChangeTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));

	static final String PASSWORD = "email-change-pass-1";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactApi contacts;

	@Autowired
	MailDelivery delivery;

	@Autowired
	MutableClock clock;

	LoginFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoginFixtures(this.mvc, this.accounts);
	}

	@Test
	void theNewAddressConfirmsTheOldIsToldAndOtherSessionsEnd() throws Exception {
		String old = this.fx.partner(PASSWORD);
		String fresh = LoginFixtures.unique("new") + "@accounts.test";
		MockHttpSession laptop = session(old);
		MockHttpSession phone = session(old);

		this.mvc
			.perform(post("/partner/settings/email").session(laptop)
				.with(csrf())
				.param("newEmail", fresh)
				.param("emailPassword", PASSWORD))
			.andExpect(status().is3xxRedirection());
		// nothing changed yet
		assertThat(this.accounts.hasLogin(old)).isTrue();
		assertThat(this.accounts.hasLogin(fresh)).isFalse();
		List<MimeMessage> toOld = delivered(old);
		assertThat(toOld).hasSize(1);
		assertThat(Mailbox.subject(toOld.get(0))).isEqualTo("A change of your login e-mail was requested");
		assertThat(Mailbox.body(toOld.get(0))).contains(fresh);
		List<MimeMessage> toNew = delivered(fresh);
		assertThat(toNew).hasSize(1);
		String link = Mailbox.link(toNew.get(0), "/account/confirm-email");
		String token = link.substring(link.indexOf("token=") + 6);

		// the GET only shows the address (a mail scanner following it changes nothing)
		this.mvc.perform(get("/account/confirm-email").param("token", token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(fresh)));
		assertThat(this.accounts.hasLogin(old)).isTrue();

		this.mvc.perform(post("/account/confirm-email").session(laptop).param("token", token).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your login is now")));
		assertThat(this.accounts.hasLogin(fresh)).isTrue();
		assertThat(this.accounts.hasLogin(old)).isFalse();
		assertThat(this.contacts.findByEmail(fresh)).as("his contact follows").isPresent();
		List<MimeMessage> done = delivered(old);
		assertThat(done).hasSize(2);
		assertThat(Mailbox.subject(done.get(1))).isEqualTo("Your login e-mail was changed");

		// single use
		this.mvc.perform(post("/account/confirm-email").param("token", token).with(csrf()))
			.andExpect(status().isBadRequest());
		// the other session is over; the one that confirmed goes on under the new name
		assertThat(this.mvc.perform(get("/partner").session(phone)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login?expired");
		assertThat(this.mvc.perform(get("/partner").session(laptop)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		// he logs in with the new address, not the old one
		assertThat(this.fx.login(fresh, PASSWORD, LoginFixtures.ip()).getResponse().getRedirectedUrl())
			.isEqualTo("/partner");
		assertThat(this.fx.login(old, PASSWORD, LoginFixtures.ip()).getResponse().getRedirectedUrl())
			.startsWith("/login?");
	}

	@Test
	void aWrongPasswordATakenAddressAndAnOldLinkChangeNothing() throws Exception {
		String mine = this.fx.partner(PASSWORD);
		String taken = this.fx.partner(PASSWORD);
		MockHttpSession session = session(mine);

		this.mvc
			.perform(post("/partner/settings/email").session(session)
				.with(csrf())
				.param("newEmail", LoginFixtures.unique("x") + "@accounts.test")
				.param("emailPassword", "not-my-password"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The current password is not correct.")));
		this.mvc
			.perform(post("/partner/settings/email").session(session)
				.with(csrf())
				.param("newEmail", "not an address")
				.param("emailPassword", PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("valid e-mail address")));

		// a taken address: the same answer as a free one, but no link goes out
		this.mvc
			.perform(post("/partner/settings/email").session(session)
				.with(csrf())
				.param("newEmail", taken.toUpperCase())
				.param("emailPassword", PASSWORD))
			.andExpect(status().is3xxRedirection());
		assertThat(delivered(taken)).isEmpty();
		assertThat(delivered(mine)).hasSize(1);

		// a link older than 24 hours no longer works
		String fresh = LoginFixtures.unique("late") + "@accounts.test";
		this.mvc
			.perform(post("/partner/settings/email").session(session)
				.with(csrf())
				.param("newEmail", fresh)
				.param("emailPassword", PASSWORD))
			.andExpect(status().is3xxRedirection());
		String link = Mailbox.link(delivered(fresh).get(0), "/account/confirm-email");
		String token = link.substring(link.indexOf("token=") + 6);
		this.clock.advance(Duration.ofHours(25));
		this.mvc.perform(post("/account/confirm-email").param("token", token).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("expired")));
		assertThat(this.accounts.hasLogin(mine)).isTrue();
	}

	@Test
	void requestsAreRateLimited() throws Exception {
		String mine = this.fx.partner(PASSWORD);
		MockHttpSession session = session(mine);
		int limited = 0;
		for (int i = 0; i < 7; i++) {
			int status = this.mvc
				.perform(post("/partner/settings/email").session(session)
					.with(csrf())
					.param("newEmail", LoginFixtures.unique("r") + "@accounts.test")
					.param("emailPassword", "wrong-password-x"))
				.andReturn()
				.getResponse()
				.getStatus();
			if (status == 429) {
				limited++;
			}
		}
		assertThat(limited).isEqualTo(2);
	}

	private MockHttpSession session(String email) throws Exception {
		MvcResult login = this.fx.login(email, PASSWORD, LoginFixtures.ip());
		assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/partner");
		return (MockHttpSession) login.getRequest().getSession(false);
	}

	/**
	 * What arrived for {@code email}, but the approval notice (notices) of new partners.
	 */
	private List<MimeMessage> delivered(String email) throws Exception {
		this.delivery.deliverDue(Instant.now().plus(Duration.ofDays(2)));
		List<MimeMessage> arrived = new java.util.ArrayList<>();
		for (MimeMessage message : Mailbox.to(greenMail, email)) {
			if (!Mailbox.subject(message).startsWith("You are approved")) {
				arrived.add(message);
			}
		}
		return arrived;
	}

}
