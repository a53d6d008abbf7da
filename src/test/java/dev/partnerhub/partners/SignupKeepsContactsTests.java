package dev.partnerhub.partners;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The public partner sign-up is unverified (issue 14, item 4): anybody may type a
 * customer's e-mail there, so it never renames the existing contact or touches his
 * referral info.
 */
@IntegrationTest
class SignupKeepsContactsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Test
	void aSignUpWithAnExistingCustomersEmailDoesNotRenameHim() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 2);
		PartnerSummary referrer = MailFixtures.partner(this.contacts, this.partners, program, "Ria");
		String email = unique("customer") + "@signup.test";
		long id = this.contacts.create(email, "Cus", "Tomer").id();
		this.contacts.recordReferral(id, referrer.id(), Instant.now(), referrer.code());
		ContactSummary before = this.contacts.findById(id).orElseThrow();
		assertThat(before.lastReferrerId()).isEqualTo(referrer.id());

		this.mvc.perform(post("/partners/signup/{p}", program.name()).with(csrf()).with(request -> {
			request.setRemoteAddr("10.15." + ThreadLocalRandom.current().nextInt(256) + "."
					+ ThreadLocalRandom.current().nextInt(1, 255));
			return request;
		})
			.param("firstName", "Mallory")
			.param("lastName", "Mean")
			.param("email", email.toUpperCase())
			.param("password", "long-password-1")
			.param("confirmPassword", "long-password-1")
			.param("terms", "true")).andExpect(status().isOk());

		ContactSummary after = this.contacts.findById(id).orElseThrow();
		assertThat(after).isEqualTo(before);
		assertThat(after.name()).isEqualTo("Cus Tomer");
		assertThat(after.email()).isEqualTo(email);
		// The sign-up itself went through (pending, on his contact), only without
		// renaming him.
		assertThat(this.partners.findByContactId(id))
			.hasValueSatisfying(partner -> assertThat(partner.status()).isEqualTo(PartnerStatus.PENDING));
	}

}
