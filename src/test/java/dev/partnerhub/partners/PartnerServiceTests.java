package dev.partnerhub.partners;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.partners.domain.ReferrerAssignments;
import dev.partnerhub.partners.domain.Registration;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class PartnerServiceTests {

	@Autowired
	PartnerService partners;

	@Autowired
	ReferrerAssignments referrers;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProgramService programService;

	Fixtures fixtures;

	ProgramSummary program;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.programService, this.contacts, this.partners);
		this.program = this.fixtures.program("Service");
	}

	@Test
	void generatedCodesAreUniqueAndUrlSafe() {
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < 25; i++) {
			// the same first name every time: the random part must keep codes apart
			ContactSummary contact = this.contacts.create("same-" + Fixtures.unique() + "@test.local", "Zoë Ann", "X");
			PartnerSummary partner = this.partners
				.enroll(new Enrollment(contact.id(), this.program.id(), " ", null, null, null, null));
			assertThat(partner.code()).matches("[a-z0-9-]{3,40}").startsWith("zoann-");
			codes.add(partner.code());
		}
		assertThat(codes).hasSize(25);
	}

	@Test
	void aTakenCodeIsAConflictWhateverItsCase() {
		String code = "Taken-" + Fixtures.unique();
		this.fixtures.partner(this.program, code);
		assertThatThrownBy(() -> this.fixtures.partner(this.program, code.toLowerCase()))
			.isInstanceOfSatisfying(ConflictException.class, ex -> assertThat(ex.field()).isEqualTo("code"));
		PartnerSummary other = this.fixtures.partner(this.program, null);
		assertThatThrownBy(() -> this.partners.update(other.id(), code.toUpperCase(), null, null, null))
			.isInstanceOfSatisfying(ConflictException.class, ex -> assertThat(ex.field()).isEqualTo("code"));
	}

	@Test
	void aBadlyFormedCodeIsRefusedEvenWhenOnlyItsCaseChanges() {
		PartnerSummary partner = this.fixtures.partner(this.program, "kab-" + Fixtures.unique());
		// KELVIN SIGN equals 'k' ignoring case, but it is not a code character
		String kelvin = "\u212A" + partner.code().substring(1);
		assertThatThrownBy(() -> this.partners.update(partner.id(), kelvin, null, null, null))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("code"));
	}

	@Test
	void aParentThatWouldMakeACycleIsRefused() {
		PartnerSummary a = this.fixtures.partner(this.program, null);
		PartnerSummary b = this.fixtures.partner(this.program, null, a.id());
		PartnerSummary c = this.fixtures.partner(this.program, null, b.id());
		assertThatThrownBy(() -> this.partners.update(a.id(), null, null, c.id(), null))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("parent"));
		assertThatThrownBy(() -> this.partners.update(a.id(), null, null, a.id(), null))
			.isInstanceOf(InvalidInputException.class);
		assertThat(this.partners.findById(a.id()).orElseThrow().parentId()).isNull();
		// a parent elsewhere in the tree is fine
		assertThat(this.partners.update(c.id(), null, null, a.id(), null).parentId()).isEqualTo(a.id());
	}

	@Test
	void aContactIsInOneProgramOnly() {
		ContactSummary contact = this.fixtures.contact("Once");
		this.partners.enroll(new Enrollment(contact.id(), this.program.id(), null, null, null, null, null));
		ProgramSummary other = this.fixtures.program("Other");
		assertThatThrownBy(
				() -> this.partners.enroll(new Enrollment(contact.id(), other.id(), null, null, null, null, null)))
			.isInstanceOfSatisfying(ConflictException.class, ex -> assertThat(ex.field()).isEqualTo("contact"));
		// the database holds the rule too, whatever code path writes
		assertThatThrownBy(() -> this.jdbc
			.sql("insert into partner (contact_id, program_id, code) values (:contact, :program, :code)")
			.param("contact", contact.id())
			.param("program", other.id())
			.param("code", "dup-" + Fixtures.unique())
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("partner_one_program_per_contact");
	}

	@Test
	void removingAPartnerWithReferredContactsIsRefused() {
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		ContactSummary referred = this.fixtures.contact("Referred");
		this.contacts.recordReferral(referred.id(), partner.id(), Instant.now());
		assertThatThrownBy(() -> this.partners.remove(partner.id())).isInstanceOf(ConflictException.class)
			.hasMessageContaining("referred contacts");
		assertThat(this.partners.findById(partner.id())).isPresent();

		PartnerSummary quiet = this.fixtures.partner(this.program, null);
		this.partners.remove(quiet.id());
		assertThat(this.partners.findById(quiet.id())).isEmpty();
	}

	@Test
	void removingAParentIsRefused() {
		PartnerSummary parent = this.fixtures.partner(this.program, null);
		this.fixtures.partner(this.program, null, parent.id());
		assertThatThrownBy(() -> this.partners.remove(parent.id())).isInstanceOf(ConflictException.class);
	}

	@Test
	void aRefusedRegistrationLeavesNoContactBehind() {
		String code = "reg-" + Fixtures.unique();
		this.fixtures.partner(this.program, code);
		String email = "ghost-" + Fixtures.unique() + "@test.local";
		assertThatThrownBy(() -> this.partners
			.register(new Registration(email, "Ghost", "X", this.program.id(), code, null, null, null, null)))
			.isInstanceOf(ConflictException.class);
		assertThat(this.contacts.findByEmail(email)).isEmpty();
		// a too short password is refused, and rolls the partner back as well
		assertThatThrownBy(() -> this.partners
			.register(new Registration(email, "Ghost", "X", this.program.id(), null, null, null, null, "short")))
			.isInstanceOf(InvalidInputException.class);
		assertThat(this.contacts.findByEmail(email)).isEmpty();
	}

	@Test
	void registrationReusesTheContactByEmailAndStartsApproved() {
		ContactSummary existing = this.fixtures.contact("Known");
		PartnerSummary partner = this.partners.register(new Registration(existing.email().toUpperCase(), "", "",
				this.program.id(), null, null, null, "pay@test.local", null));
		assertThat(partner.contactId()).isEqualTo(existing.id());
		assertThat(partner.status()).isEqualTo(PartnerStatus.APPROVED);
		assertThat(partner.payoutEmail()).isEqualTo("pay@test.local");
	}

	@Test
	void aPartnerCannotBeHisOwnReferrer() {
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		assertThatThrownBy(() -> this.referrers.assignFirst(partner.contactId(), partner.code()))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.field()).isEqualTo("firstReferrer"));
		assertThatThrownBy(() -> this.referrers.assignLast(partner.contactId(), partner.code())).isInstanceOfSatisfying(
				InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("lastReferrer"));
	}

	@Test
	void changingProgramKeepsEverythingElse() {
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		ProgramSummary other = this.fixtures.program("Next");
		PartnerSummary moved = this.partners.changeProgram(partner.id(), other.id());
		assertThat(moved.programId()).isEqualTo(other.id());
		assertThat(moved.code()).isEqualTo(partner.code());
		assertThatThrownBy(() -> this.partners.changeProgram(partner.id(), -1))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("program"));
	}

}
