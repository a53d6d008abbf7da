package dev.partnerhub.partnercenter;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Partner;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Settings: payout e-mail, name and password, each change audited with the partner as
 * actor.
 */
@IntegrationTest
class PartnerCenterSettingsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClickRecorder recorder;

	Partner jane;

	@BeforeEach
	void setUp() {
		this.jane = new PartnerCenterFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc,
				this.recorder)
			.partner("Jane");
	}

	RequestPostProcessor me() {
		return user(this.jane.email()).roles("PARTNER");
	}

	@Test
	void payoutEmailAndNameChangesAreSavedAndAuditedAsThePartner() throws Exception {
		Html form = Html.of(this.mvc.perform(get("/partner/settings").with(me())).andExpect(status().isOk()));
		assertThat(form.value("#payoutEmail")).isEqualTo(this.jane.code() + "@paypal.example.com");
		assertThat(form.value("#firstName")).isEqualTo("Jane");

		this.mvc
			.perform(post("/partner/settings").with(me())
				.with(csrf())
				.param("payoutEmail", "jane.new@paypal.example.com")
				.param("firstName", "Janet")
				.param("lastName", "Partner"))
			.andExpect(redirectedUrl("/partner/settings"))
			.andExpect(flash().attribute("message", "Your settings were saved."));

		assertThat(this.jdbc.sql("select payout_email from partner where id = :id")
			.param("id", this.jane.id())
			.query(String.class)
			.single()).isEqualTo("jane.new@paypal.example.com");
		assertThat(this.jdbc.sql("select first_name from contact where id = :id")
			.param("id", this.jane.summary().contactId())
			.query(String.class)
			.single()).isEqualTo("Janet");
		assertThat(audit("partner.payout-email")).containsExactly(this.jane.email() + "|payoutEmail=" + this.jane.code()
				+ "@paypal.example.com|payoutEmail=jane.new@paypal.example.com");
		assertThat(audit("partner.name")).containsExactly(this.jane.email() + "|firstName=Jane|firstName=Janet");

		// saving the same again changes and audits nothing
		this.mvc
			.perform(post("/partner/settings").with(me())
				.with(csrf())
				.param("payoutEmail", "jane.new@paypal.example.com")
				.param("firstName", "Janet")
				.param("lastName", "Partner"))
			.andExpect(flash().attribute("message", "Nothing changed."));
		assertThat(audit("partner.payout-email")).hasSize(1);
		assertThat(audit("partner.name")).hasSize(1);
		Html page = Html.of(this.mvc.perform(get("/partner/settings").with(me())));
		assertThat(page.value("#payoutEmail")).isEqualTo("jane.new@paypal.example.com");
		assertThat(page.text("#partner-name")).isEqualTo("Janet Partner");
	}

	@Test
	void badInputIsAFormMessageNeverA500() throws Exception {
		Html page = Html.of(
				this.mvc
					.perform(post("/partner/settings").with(me())
						.with(csrf())
						.param("payoutEmail", "not an e-mail")
						.param("firstName", " ")
						.param("lastName", "x".repeat(300)))
					.andExpect(status().isOk()));
		assertThat(page.text("#payoutEmail-error")).isEqualTo("Enter a valid e-mail address, like name@example.com.");
		assertThat(page.text("#firstName-error")).isEqualTo("Enter your first name.");
		assertThat(page.text("#lastName-error")).isEqualTo("At most 100 characters.");
		assertThat(audit("partner.payout-email")).isEmpty();
	}

	@Test
	void passwordChangeNeedsTheCurrentPasswordAndIsAudited() throws Exception {
		Html wrong = Html.of(
				this.mvc
					.perform(post("/partner/settings/password").with(me())
						.with(csrf())
						.param("currentPassword", "not-my-password")
						.param("newPassword", "a-new-password-2")
						.param("confirmPassword", "a-new-password-2"))
					.andExpect(status().isOk()));
		assertThat(wrong.text("#currentPassword-error")).isEqualTo("The current password is not correct.");
		assertThat(wrong.value("#currentPassword")).isEmpty();
		Html tooShort = Html.of(this.mvc.perform(post("/partner/settings/password").with(me())
			.with(csrf())
			.param("currentPassword", PartnerCenterFixtures.PASSWORD)
			.param("newPassword", "short")
			.param("confirmPassword", "short")));
		assertThat(tooShort.text("#newPassword-error")).isEqualTo("The new password must have at least 10 characters.");
		Html mismatch = Html.of(this.mvc.perform(post("/partner/settings/password").with(me())
			.with(csrf())
			.param("currentPassword", PartnerCenterFixtures.PASSWORD)
			.param("newPassword", "a-new-password-2")
			.param("confirmPassword", "a-new-password-3")));
		assertThat(mismatch.text("#confirmPassword-error")).isEqualTo("The two new passwords differ.");
		assertThat(audit("partner.password")).isEmpty();

		this.mvc
			.perform(post("/partner/settings/password").with(me())
				.with(csrf())
				.param("currentPassword", PartnerCenterFixtures.PASSWORD)
				.param("newPassword", "a-new-password-2")
				.param("confirmPassword", "a-new-password-2"))
			.andExpect(redirectedUrl("/partner/settings"))
			.andExpect(flash().attribute("message", "Your password was changed."));
		assertThat(audit("partner.password")).hasSize(1);
		this.mvc.perform(formLogin("/login").user(this.jane.email()).password("a-new-password-2"))
			.andExpect(redirectedUrl("/partner"));
		this.mvc.perform(formLogin("/login").user(this.jane.email()).password(PartnerCenterFixtures.PASSWORD))
			.andExpect(redirectedUrl("/login?error"));
	}

	/** actor|before|after of his entries for an action. */
	private java.util.List<String> audit(String action) {
		return this.jdbc.sql("""
				select actor || '|' || coalesce(before_value, '') || '|' || coalesce(after_value, '') from audit_entry
				where action = :action and subject_type = 'partner' and subject_id = :id order by id
				""").param("action", action).param("id", String.valueOf(this.jane.id())).query(String.class).list();
	}

}
