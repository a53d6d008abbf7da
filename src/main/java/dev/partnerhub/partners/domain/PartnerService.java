package dev.partnerhub.partners.domain;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.audit.Changes;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.partners.PartnerCreated;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class PartnerService implements PartnerApi {

	private final PartnerRepository partners;

	private final ContactApi contacts;

	private final ProgramApi programs;

	private final AccountApi accounts;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final String baseUrl;

	private final PartnerLookups lookups;

	private final PartnerChecks checks;

	PartnerService(PartnerRepository partners, ContactApi contacts, ProgramApi programs, AccountApi accounts,
			AuditLog audit, ApplicationEventPublisher events, BaseUrl baseUrl, PartnerLookups lookups,
			PartnerChecks checks, Clock clock) {
		this.partners = partners;
		this.checks = checks;
		this.lookups = lookups;
		this.contacts = contacts;
		this.programs = programs;
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.baseUrl = baseUrl.value();
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> signupLink(long partnerId) {
		return this.partners.findById(partnerId)
			.flatMap(partner -> this.programs.findProgram(partner.getProgramId())
				.flatMap(program -> this.programs.slugOf(program.id()))
				.map(slug -> this.baseUrl + "/partners/signup/" + slug + "?ref="
						+ java.net.URLEncoder.encode(partner.getCode(), java.nio.charset.StandardCharsets.UTF_8)));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PartnerSummary> findById(long id) {
		return this.partners.findById(id).map(Partner::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PartnerSummary> findByCode(String code) {
		return code == null || code.isBlank() ? Optional.empty()
				: this.partners.findByCodeIgnoreCase(code.strip()).map(Partner::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Earner> findWithParent(long id) {
		return this.lookups.selfAndParent(id);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PartnerSummary> findByContactId(long contactId) {
		return this.partners.findByContactId(contactId).map(Partner::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public long count() {
		return this.partners.count();
	}

	@Transactional(readOnly = true)
	public Partner get(long id) {
		return this.partners.findById(id).orElseThrow(() -> new NotFoundException("No partner " + id));
	}

	/** Contacts naming him as first or last referrer. */
	@Transactional(readOnly = true)
	public long countReferredContacts(long id) {
		return this.partners.countReferredContacts(id);
	}

	@Override
	public PartnerSummary enroll(long contactId, long programId, String code, PartnerStatus status, Long parentId,
			String payoutEmail) {
		return enroll(new Enrollment(contactId, programId, code, status, parentId, payoutEmail, null));
	}

	public PartnerSummary enroll(Enrollment e) {
		return enroll(e, false);
	}

	/**
	 * As {@link #enroll(Enrollment)} from the console (the contact's Referral info tab):
	 * an approved partner without a login is invited unless {@code sendInvitation} is
	 * false.
	 */
	public PartnerSummary enrollFromConsole(Enrollment e, boolean sendInvitation) {
		PartnerSummary partner = enroll(e, false);
		if (sendInvitation) {
			inviteIfApproved(partner.id());
		}
		return partner;
	}

	/**
	 * As {@link #enroll(Enrollment)}; {@code selfSignup} only marks the published
	 * {@link PartnerCreated} event.
	 */
	PartnerSummary enroll(Enrollment e, boolean selfSignup) {
		String payoutEmail = PartnerChecks.checkedPayoutEmail(e.payoutEmail());
		ContactSummary contact = this.contacts.findById(e.contactId())
			.orElseThrow(() -> new NotFoundException("No contact " + e.contactId()));
		this.checks.requireProgram(e.programId());
		if (this.partners.findByContactId(e.contactId()).isPresent()) {
			throw new ConflictException("contact", contact.email() + " is already a partner.");
		}
		String code = PartnerChecks.blank(e.code()) ? this.checks.generateCode(contact)
				: this.checks.checkedCode(null, e.code());
		if (e.parentId() != null && this.partners.findById(e.parentId()).isEmpty()) {
			throw new InvalidInputException("parent", "The parent partner does not exist.");
		}
		PartnerStatus status = e.status() == null ? PartnerStatus.APPROVED : e.status();
		Partner partner = new Partner(contact.id(), e.programId(), code, status, e.parentId(), payoutEmail,
				this.clock.instant());
		Partner saved = save(partner);
		if (!PartnerChecks.blank(e.password())) {
			this.accounts.createPartnerLogin(contact.id(), contact.email(), e.password());
		}
		record("partner.create", saved.getId(), null, Changes.describe(auditFields(saved)), contact.email());
		this.events.publishEvent(
				new PartnerCreated(saved.getId(), contact.id(), saved.getProgramId(), saved.getStatus(), selfSignup));
		if (saved.getStatus() == PartnerStatus.APPROVED) {
			this.events.publishEvent(new PartnerApproved(saved.getId(), saved.getProgramId()));
		}
		return saved.summary();
	}

	/**
	 * A new partner from the console or the API: the contact is created, or reused by
	 * e-mail (names updated), and enrolled, all in one transaction so a refused
	 * enrollment leaves no half-made contact behind.
	 */
	public PartnerSummary register(Registration r) {
		PartnerChecks.checkedPayoutEmail(r.payoutEmail());
		ContactSummary contact = this.contacts.upsert(r.email(), r.firstName(), r.lastName());
		PartnerSummary partner = enroll(new Enrollment(contact.id(), r.programId(), r.code(), r.status(), r.parentId(),
				r.payoutEmail(), r.password()));
		if (PartnerChecks.blank(r.password()) && r.sendInvitation()) {
			// an admin created him without a password: he chooses one through the
			// invitation e-mail, once he is approved (now or later)
			inviteIfApproved(partner.id());
		}
		return partner;
	}

	public PartnerSummary update(long id, String code, PartnerStatus status, Long parentId, String payoutEmail) {
		return update(id, code, status, parentId, payoutEmail, null);
	}

	/** Edits a partner; a null {@code programId} keeps his program. */
	public PartnerSummary update(long id, String code, PartnerStatus status, Long parentId, String payoutEmail,
			Long programId) {
		Partner partner = get(id);
		PartnerStatus statusBefore = partner.getStatus();
		long programBefore = partner.getProgramId();
		if (!PartnerChecks.blank(code)) {
			// always checked, also for a change of case only: the format must hold for
			// every code saved
			partner.changeCode(this.checks.checkedCode(id, code));
		}
		partner.changeParent(this.checks.checkedParent(partner, parentId));
		partner.changePayoutEmail(PartnerChecks.checkedPayoutEmail(payoutEmail));
		if (status != null) {
			partner.changeStatus(status, this.clock.instant());
		}
		if (programId != null && programId != partner.getProgramId()) {
			this.checks.requireProgram(programId);
			partner.moveToProgram(programId);
		}
		Partner saved = save(partner);
		recordStatus(saved, statusBefore);
		recordProgram(saved, programBefore);
		publishApproval(saved, statusBefore);
		if (saved.getStatus() == PartnerStatus.APPROVED && statusBefore != PartnerStatus.APPROVED) {
			inviteIfApproved(saved.getId());
		}
		return saved.summary();
	}

	@Override
	public PartnerSummary changePayoutEmail(long partnerId, String payoutEmail) {
		Partner partner = get(partnerId);
		partner.changePayoutEmail(PartnerChecks.checkedPayoutEmail(payoutEmail));
		return save(partner).summary();
	}

	/**
	 * The id of the partner with this code, for a parent given by code; blank = no
	 * parent.
	 */
	@Transactional(readOnly = true)
	public @Nullable Long parentIdByCode(String code) {
		if (PartnerChecks.blank(code)) {
			return null;
		}
		return this.partners.findByCodeIgnoreCase(code.strip())
			.map(Partner::getId)
			.orElseThrow(() -> new InvalidInputException("parent", "No partner has the code " + code.strip() + "."));
	}

	@Override
	public PartnerSummary changeStatus(long id, PartnerStatus status) {
		return changeStatus(id, status, true);
	}

	/**
	 * Sets his status; becoming approved without a login invites him unless
	 * {@code sendInvitation} is false.
	 */
	public PartnerSummary changeStatus(long id, PartnerStatus status, boolean sendInvitation) {
		Partner partner = get(id);
		PartnerStatus before = partner.getStatus();
		partner.changeStatus(status, this.clock.instant());
		partner = save(partner);
		recordStatus(partner, before);
		publishApproval(partner, before);
		if (sendInvitation && partner.getStatus() == PartnerStatus.APPROVED && before != PartnerStatus.APPROVED) {
			inviteIfApproved(partner.getId());
		}
		return partner.summary();
	}

	/**
	 * Invites an approved partner who has no login yet (one login per e-mail: a second
	 * call, also a racing one, does nothing); true when an invitation was queued.
	 */
	@Override
	public boolean inviteIfApproved(long partnerId) {
		Partner partner = get(partnerId);
		if (partner.getStatus() != PartnerStatus.APPROVED) {
			return false;
		}
		String email = this.contacts.findById(partner.getContactId()).map(ContactSummary::email).orElse(null);
		boolean invited = this.accounts.invitePartner(partner.getContactId(), partnerId, email);
		if (invited) {
			record("partner.invite", partnerId, null, email, partner.getCode());
		}
		return invited;
	}

	/**
	 * The console's "Invite" / "Re-send invitation": a new link (the old one stops
	 * working) for an approved partner who has not set a password yet.
	 */
	public AccountApi.InviteOutcome sendInvitation(long partnerId) {
		Partner partner = get(partnerId);
		if (partner.getStatus() != PartnerStatus.APPROVED) {
			throw new ConflictException("status",
					"Only approved partners are invited; approve " + partner.getCode() + " first.");
		}
		String email = this.contacts.findById(partner.getContactId()).map(ContactSummary::email).orElse(null);
		AccountApi.InviteOutcome outcome = this.accounts.resendInvitation(partner.getContactId(), partnerId, email);
		if (outcome == AccountApi.InviteOutcome.SENT) {
			record("partner.invite", partnerId, null, email, partner.getCode());
		}
		return outcome;
	}

	public PartnerSummary changeProgram(long id, long programId) {
		Partner partner = get(id);
		this.checks.requireProgram(programId);
		long before = partner.getProgramId();
		partner.moveToProgram(programId);
		partner = save(partner);
		recordProgram(partner, before);
		return partner.summary();
	}

	/**
	 * Removes a contact from his program. Refused while other contacts name him as
	 * referrer or partners name him as parent: that history would be lost; suspend him
	 * instead.
	 */
	public void remove(long id) {
		Partner partner = get(id);
		if (this.partners.countReferredContacts(id) > 0) {
			throw new ConflictException("partner",
					"This partner has referred contacts; suspend the partner instead of removing them from the program.");
		}
		if (!this.partners.findByParentId(id).isEmpty()) {
			throw new ConflictException("partner",
					"This partner is the parent of other partners; suspend the partner instead of removing them.");
		}
		if (this.partners.countCoupons(id) > 0) {
			// a coupon code is never given to anyone else: it stays with him
			throw new ConflictException("partner",
					"This partner has coupon codes; suspend the partner instead of removing them from the program.");
		}
		this.partners.delete(partner);
		record("partner.remove", partner.getId(), Changes.describe(auditFields(partner)), null,
				this.contacts.findById(partner.getContactId()).map(ContactSummary::email).orElse(null));
	}

	private void publishApproval(Partner partner, PartnerStatus before) {
		if (partner.getStatus() == PartnerStatus.APPROVED && before != PartnerStatus.APPROVED) {
			this.events.publishEvent(new PartnerApproved(partner.getId(), partner.getProgramId()));
		}
	}

	// --- audit: one entry per decision, in this transaction; a save that changed nothing
	// records nothing

	private void recordStatus(Partner partner, PartnerStatus before) {
		if (partner.getStatus() != before) {
			record("partner.status", partner.getId(), before.value(), partner.getStatus().value(), partner.getCode());
		}
	}

	private void recordProgram(Partner partner, long before) {
		if (partner.getProgramId() != before) {
			record("partner.program", partner.getId(), programName(before), programName(partner.getProgramId()),
					partner.getCode());
		}
	}

	private void record(String action, long partnerId, String before, String after, String detail) {
		this.audit
			.record(AuditEntry.of(Actor.current(), action, "partner", partnerId, before, after).withDetail(detail));
	}

	private Map<String, Object> auditFields(Partner partner) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("code", partner.getCode());
		fields.put("program", programName(partner.getProgramId()));
		fields.put("status", partner.getStatus().value());
		fields.put("parent", partnerCode(partner.getParentId()));
		return fields;
	}

	private String programName(long programId) {
		return this.programs.findProgram(programId).map(ProgramSummary::name).orElse("#" + programId);
	}

	private String partnerCode(Long partnerId) {
		return partnerId == null ? null
				: this.partners.findById(partnerId).map(Partner::getCode).orElse("#" + partnerId);
	}

	/** The unique indexes decide when two requests race for the same code or contact. */
	private Partner save(Partner partner) {
		try {
			return this.partners.save(partner);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("code", "The code or contact is already used by another partner.");
		}
	}

}
