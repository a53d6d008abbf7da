package dev.partnerhub.partners;

import java.time.Instant;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ReferralInfoTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	ProgramService programService;

	Fixtures fixtures;

	ProgramSummary program;

	ContactSummary contact;

	String tab;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.programService, this.contacts, this.partners);
		this.program = this.fixtures.program("Referral");
		this.contact = this.fixtures.contact("Carla");
		this.tab = "/admin/contacts/" + this.contact.id() + "/referral";
	}

	@Test
	void theTabSitsBesideTheContactDetails() throws Exception {
		this.mvc.perform(get(this.tab).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/admin/contacts/" + this.contact.id() + "\">Details")))
			.andExpect(
					content().string(containsString("aria-current=\"page\" href=\"" + this.tab + "\">Referral info")))
			.andExpect(content().string(containsString("Add to program")))
			.andExpect(content().string(containsString(this.program.name())));
	}

	@Test
	void setsAndClearsTheFirstAndLastReferrer() throws Exception {
		PartnerSummary first = this.fixtures.partner(this.program, "first-" + Fixtures.unique());
		PartnerSummary last = this.fixtures.partner(this.program, "last-" + Fixtures.unique());
		this.mvc.perform(
				post(this.tab + "/first-referrer").param("code", first.code().toUpperCase()).with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl(this.tab))
			.andExpect(flash().attribute("message", "First referrer saved."));
		this.mvc.perform(post(this.tab + "/last-referrer").param("code", " " + last.code()).with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl(this.tab));
		ContactSummary saved = this.contacts.findById(this.contact.id()).orElseThrow();
		assertThat(saved.firstReferrerId()).isEqualTo(first.id());
		assertThat(saved.firstReferredAt()).isNotNull();
		assertThat(saved.lastReferrerId()).isEqualTo(last.id());
		this.mvc.perform(get(this.tab).with(ADMIN))
			.andExpect(content().string(containsString(first.code())))
			.andExpect(content().string(containsString(last.code())))
			.andExpect(content().string(containsString("Clear first referrer")));

		this.mvc.perform(post(this.tab + "/first-referrer").param("code", "").with(ADMIN).with(csrf()))
			.andExpect(flash().attribute("message", "First referrer cleared."));
		saved = this.contacts.findById(this.contact.id()).orElseThrow();
		assertThat(saved.firstReferrerId()).isNull();
		assertThat(saved.firstReferredAt()).isNull();
		assertThat(saved.lastReferrerId()).isEqualTo(last.id());
		this.mvc.perform(post(this.tab + "/last-referrer").param("code", "").with(ADMIN).with(csrf()));
		assertThat(this.contacts.findById(this.contact.id()).orElseThrow().lastReferrerId()).isNull();
	}

	@Test
	void aPartnerCannotBeSetAsHisOwnReferrer() throws Exception {
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		String ownTab = "/admin/contacts/" + partner.contactId() + "/referral";
		this.mvc.perform(post(ownTab + "/first-referrer").param("code", partner.code()).with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl(ownTab))
			.andExpect(flash().attribute("errors", Map.of("firstReferrer", "A partner cannot be their own referrer.")));
		this.mvc.perform(post(ownTab + "/last-referrer").param("code", partner.code()).with(ADMIN).with(csrf()))
			.andExpect(flash().attribute("errors", hasKey("lastReferrer")));
		assertThat(this.contacts.findById(partner.contactId()).orElseThrow().firstReferrerId()).isNull();
		// the error is shown beside the field after the redirect
		this.mvc
			.perform(get(ownTab).with(ADMIN)
				.flashAttr("errors", Map.of("firstReferrer", "A partner cannot be their own referrer."))
				.flashAttr("values", Map.of("firstReferrer", partner.code())))
			.andExpect(content().string(containsString("id=\"firstReferrer-error\"")));
	}

	@Test
	void anUnknownCodeIsAnErrorNotAChange() throws Exception {
		this.mvc
			.perform(post(this.tab + "/first-referrer").param("code", "nobody-" + Fixtures.unique())
				.with(ADMIN)
				.with(csrf()))
			.andExpect(flash().attribute("errors", hasKey("firstReferrer")));
	}

	@Test
	void addsTheContactToAProgramAndRemovesHim() throws Exception {
		String code = "carla-" + Fixtures.unique();
		this.mvc
			.perform(post(this.tab + "/program").param("programId", String.valueOf(this.program.id()))
				.param("code", code)
				.with(ADMIN)
				.with(csrf()))
			.andExpect(redirectedUrl(this.tab))
			.andExpect(flash().attribute("message", containsString(code)));
		PartnerSummary partner = this.partners.findByContactId(this.contact.id()).orElseThrow();
		assertThat(partner.code()).isEqualTo(code);
		assertThat(partner.programId()).isEqualTo(this.program.id());
		this.mvc.perform(get(this.tab).with(ADMIN))
			.andExpect(content().string(containsString("Remove from program")))
			.andExpect(content().string(containsString("/admin/partners/" + partner.id())));

		// a second program is refused: one program per partner
		this.mvc
			.perform(post(this.tab + "/program").param("programId", String.valueOf(this.program.id()))
				.with(ADMIN)
				.with(csrf()))
			.andExpect(flash().attribute("errors", hasKey("program")));

		this.mvc.perform(post(this.tab + "/remove").with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl(this.tab))
			.andExpect(flash().attribute("message", "Removed from the partner program."));
		assertThat(this.partners.findByContactId(this.contact.id())).isEmpty();
	}

	@Test
	void enrollWithoutProgramOrWithATakenCodeIsRefused() throws Exception {
		this.mvc.perform(post(this.tab + "/program").with(ADMIN).with(csrf()))
			.andExpect(flash().attribute("errors", hasKey("program")));
		PartnerSummary other = this.fixtures.partner(this.program, null);
		this.mvc
			.perform(post(this.tab + "/program").param("programId", String.valueOf(this.program.id()))
				.param("code", other.code())
				.with(ADMIN)
				.with(csrf()))
			.andExpect(flash().attribute("errors", Map.of("code", "The code " + other.code() + " is taken.")));
		assertThat(this.partners.findByContactId(this.contact.id())).isEmpty();
	}

	@Test
	void removalIsRefusedWhileHeHasReferredContacts() throws Exception {
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		ContactSummary referred = this.fixtures.contact("Referred");
		this.contacts.recordReferral(referred.id(), partner.id(), Instant.now());
		String ownTab = "/admin/contacts/" + partner.contactId() + "/referral";
		this.mvc.perform(post(ownTab + "/remove").with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl(ownTab))
			.andExpect(flash().attribute("error", containsString("referred contacts")));
		assertThat(this.partners.findById(partner.id())).isPresent();
	}

	@Test
	void unknownContactIsA404AndFormsNeedCsrf() throws Exception {
		this.mvc.perform(get("/admin/contacts/{id}/referral", Long.MAX_VALUE).with(ADMIN))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/admin/contacts/{id}/referral/first-referrer", Long.MAX_VALUE).param("code", "x")
				.with(ADMIN)
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post(this.tab + "/program").param("programId", String.valueOf(this.program.id())).with(ADMIN))
			.andExpect(status().isForbidden());
		this.mvc.perform(get(this.tab).with(user("p@test.local").roles("PARTNER"))).andExpect(status().isForbidden());
		assertThat(this.partners.findByContactId(this.contact.id())).isEmpty();
	}

}
