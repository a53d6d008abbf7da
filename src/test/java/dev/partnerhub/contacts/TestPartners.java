package dev.partnerhub.contacts;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;

/**
 * Creates approved partners (each with his own contact and program) through the real
 * services.
 */
final class TestPartners {

	private TestPartners() {
	}

	static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static PartnerSummary partner(ContactService contacts, ProgramService programs, PartnerService partners) {
		String code = unique("p");
		ContactSummary contact = contacts.create(code + "@partners.test", "Pat", code);
		var program = programs.createProgram(new ProgramDefinition(unique("Program "), "https://shop.example.com", 1,
				"USD", Rate.percent("20"), null, 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		return partners.enroll(new Enrollment(contact.id(), program.id(), code, null, null, null, null));
	}

}
