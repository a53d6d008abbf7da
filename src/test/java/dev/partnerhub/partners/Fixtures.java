package dev.partnerhub.partners;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;

/** Test data with unique names: every integration test shares one database. */
final class Fixtures {

	private final ProgramService programs;

	private final ContactApi contacts;

	private final PartnerService partners;

	Fixtures(ProgramService programs, ContactApi contacts, PartnerService partners) {
		this.programs = programs;
		this.contacts = contacts;
		this.partners = partners;
	}

	static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	ProgramSummary program(String stem) {
		return this.programs
			.createProgram(new ProgramDefinition(stem + " " + unique(), "https://shop.example/landing", 2, "USD",
					Rate.percent("20"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
	}

	ContactSummary contact(String firstName) {
		return this.contacts.create(firstName.toLowerCase() + "-" + unique() + "@test.local", firstName, "Tester");
	}

	PartnerSummary partner(ProgramSummary program, String code) {
		return partner(program, code, null);
	}

	PartnerSummary partner(ProgramSummary program, String code, Long parentId) {
		return this.partners
			.enroll(new Enrollment(contact("Pat").id(), program.id(), code, null, parentId, null, null));
	}

}
