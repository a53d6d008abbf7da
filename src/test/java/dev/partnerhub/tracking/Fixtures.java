package dev.partnerhub.tracking;

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

/** Programs and partners with unique names, for tests sharing one database. */
public class Fixtures {

	private final ProgramService programs;

	private final PartnerService partners;

	private final ContactApi contacts;

	public Fixtures(ProgramService programs, PartnerService partners, ContactApi contacts) {
		this.programs = programs;
		this.partners = partners;
		this.contacts = contacts;
	}

	public static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	public ProgramSummary program(String landingUrl, int cookieDays) {
		return this.programs.createProgram(new ProgramDefinition(unique("Program "), landingUrl, 1, "USD",
				Rate.percent("20"), Rate.percent("5"), cookieDays, null, BigDecimal.ZERO, true, null, null, List.of()));
	}

	public PartnerSummary partner(ProgramSummary program, PartnerStatus status) {
		ContactSummary contact = this.contacts.create(unique("partner") + "@test.local", "Pat", "Partner");
		return this.partners.enroll(new Enrollment(contact.id(), program.id(), unique("p"), status, null, null, null));
	}

	public PartnerService partners() {
		return this.partners;
	}

}
