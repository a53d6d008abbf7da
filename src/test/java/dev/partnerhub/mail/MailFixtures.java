package dev.partnerhub.mail;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;

/**
 * Programs and partners with unique names for the e-mail tests (shared database: never
 * assume empty tables).
 */
public final class MailFixtures {

	private MailFixtures() {
	}

	public static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	public static ProgramSummary program(ProgramService programs, int tiers) {
		return programs.createProgram(new ProgramDefinition(unique("Mail Program "), "https://shop.example.com", tiers,
				"USD", Rate.percent("20"), tiers == 2 ? Rate.percent("5") : null, 30, null, BigDecimal.ZERO, true, null,
				null, List.of()));
	}

	/** An approved partner in the program, with no login. */
	public static PartnerSummary partner(ContactApi contacts, PartnerService partners, ProgramSummary program,
			String firstName) {
		String code = unique("m");
		ContactSummary contact = contacts.create(code + "@mail.test", firstName, "Tester");
		return partners
			.enroll(new Enrollment(contact.id(), program.id(), code, PartnerStatus.APPROVED, null, null, null));
	}

	public static String email(ContactApi contacts, PartnerSummary partner) {
		return contacts.findById(partner.contactId()).orElseThrow().email();
	}

}
