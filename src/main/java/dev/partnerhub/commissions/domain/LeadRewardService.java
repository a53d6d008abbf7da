package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.commissions.CommissionCreated;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.CommissionsCreated;
import dev.partnerhub.commissions.CommissionsStatusChanged;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactReferred;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.LeadRewards;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Lead rewards: a tier-1 commission of kind {@code lead} for the partner whose click
 * brought a new contact who confirmed an opt-in, the program's fixed amount. Once per
 * contact: the partial unique index {@code commission_lead_contact} with
 * {@code ON CONFLICT DO NOTHING} makes a concurrent second confirmation wait for the
 * first and then create nothing. Pending like a sale (the program's approval delay
 * applies), or held when the hold rule "e-mail matches the partner's" matches.
 * <p>
 * A lead an admin marks invalid is declined while unpaid, or clawed back (a negative,
 * approved commission the next payout deducts, as for a refund) once paid.
 */
@Component
class LeadRewardService {

	private final JdbcClient jdbc;

	private final ContactApi contacts;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final LeadRewards leadRewards;

	private final HoldRules holdRules;

	private final CommissionStore store;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LeadRewardService(JdbcClient jdbc, ContactApi contacts, PartnerApi partners, ProgramApi programs,
			LeadRewards leadRewards, HoldRules holdRules, CommissionStore store, AuditLog audit,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.partners = partners;
		this.programs = programs;
		this.leadRewards = leadRewards;
		this.holdRules = holdRules;
		this.store = store;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** In the caller's transaction; empty when nothing is due or it was given before. */
	/**
	 * A new contact the API received with a partner's referral: a lead of that partner's
	 * program (once per contact, like an opt-in's).
	 */
	@ApplicationModuleListener(id = "commissions.lead-from-api")
	void onContactReferred(ContactReferred event) {
		this.partners.findById(event.partnerId())
			.ifPresent(partner -> reward(event.contactId(), partner.id(), partner.programId()));
	}

	Optional<CommissionLine> reward(long contactId, long partnerId, long programId) {
		PartnerSummary partner = this.partners.findById(partnerId).orElse(null);
		// Only the opt-in's own program pays, in its currency, to its own partners.
		if (partner == null || partner.programId() != programId) {
			return Optional.empty();
		}
		BigDecimal amount = this.leadRewards.leadReward(programId).orElse(null);
		ProgramSummary program = this.programs.findProgram(programId).orElse(null);
		ContactSummary contact = this.contacts.findById(contactId).orElse(null);
		if (amount == null || program == null || contact == null || contact.id() == partner.contactId()) {
			return Optional.empty();
		}
		String hold = null;
		if (this.holdRules.current().matchPartner() && partner.payoutEmail() != null
				&& partner.payoutEmail().strip().equalsIgnoreCase(contact.email().strip())) {
			hold = "lead e-mail matches the partner's payout e-mail";
		}
		Instant now = this.clock.instant();
		CommissionStatus status = hold == null ? CommissionStatus.PENDING : CommissionStatus.HELD;
		Optional<Long> inserted = this.jdbc.sql("""
				insert into commission (partner_id, contact_id, tier, base_amount, original_amount, amount, currency,
				    status, transaction_date, reason, kind, hold_reason, held_at)
				values (:partner, :contact, 1, :amount, :amount, :amount, :currency, :status, :date, :reason, 'lead',
				    :hold, :heldAt)
				on conflict (contact_id) where kind = 'lead' and clawback_of is null do nothing
				returning id
				""")
			.param("partner", partner.id())
			.param("contact", contact.id())
			.param("amount", amount)
			.param("currency", program.currency())
			.param("status", status.value())
			.param("date", Timestamp.from(now))
			.param("reason", label(contact))
			.param("hold", hold)
			.param("heldAt", hold == null ? null : Timestamp.from(now))
			.query(Long.class)
			.optional();
		if (inserted.isEmpty()) {
			return Optional.empty();
		}
		long id = inserted.get();
		this.audit.record(AuditEntry
			.of(Actor.current(), "commission.lead", "commission", id, null,
					"partner=" + partner.code() + ", contact=" + contact.id() + ", amount=" + amount + " "
							+ program.currency() + ", status=" + status.value())
			.withDetail(hold == null ? "lead reward" : "held: " + hold));
		this.events.publishEvent(new CommissionCreated(id, partner.id(), contact.id(), null, 1, amount,
				program.currency(), status, now, null));
		this.events.publishEvent(new CommissionsCreated(List.of(id), List.of(partner.id())));
		return Optional.of(new CommissionLine(id, partner.id(), partner.code(), 1, amount, status, null, null,
				program.currency(), null));
	}

	/**
	 * Declines an unpaid lead reward, or claws a paid one back; the note is required and
	 * audited. A second call changes nothing more (409).
	 */
	CommissionLine markInvalid(long commissionId, @Nullable String note) {
		String why = note == null ? "" : note.strip();
		if (why.isEmpty() || why.length() > 500) {
			throw new InvalidInputException("note", "Say why the lead is invalid (1 to 500 characters).");
		}
		record Lead(String status, BigDecimal amount, String reason) {
		}
		Lead lead = this.jdbc.sql("""
				select status, amount, reason from commission
				where id = :id and kind = 'lead' and clawback_of is null
				for update
				""")
			.param("id", commissionId)
			.query((rs, n) -> new Lead(rs.getString("status"), rs.getBigDecimal("amount"), rs.getString("reason")))
			.optional()
			.orElseThrow(() -> new NotFoundException("No lead reward " + commissionId + "."));
		CommissionStatus status = CommissionStatus.of(lead.status());
		Instant now = this.clock.instant();
		String actor = Actor.current();
		if (status == CommissionStatus.PAID) {
			boolean clawedBack = this.jdbc.sql("select exists (select 1 from commission where clawback_of = :id)")
				.param("id", commissionId)
				.query(Boolean.class)
				.single();
			if (clawedBack) {
				throw new ConflictException("commission", "This lead was marked invalid and clawed back before.");
			}
			// The partner sees the reason ("Lead: ..."): the lead, not the admin's note.
			CommissionCreated clawback = this.store.insertClawback(commissionId, null, lead.amount().negate(), now,
					lead.reason() + " (invalid lead, clawed back)", now);
			this.audit.record(
					AuditEntry
						.of(actor, "commission.lead-invalid", "commission", commissionId, "status=paid",
								"clawed back by commission " + clawback.commissionId())
						.withDetail(why));
			this.events.publishEvent(clawback);
			return this.store.findLine(clawback.commissionId());
		}
		if (!status.unpaid()) {
			throw new ConflictException("commission",
					"This lead reward is " + status.value() + " already: nothing to decline.");
		}
		this.jdbc.sql("""
				update commission set status = 'declined', declined_at = :now, decline_reason = :note
				where id = :id and status = :status
				""")
			.param("now", Timestamp.from(now))
			.param("note", "invalid lead: " + why)
			.param("id", commissionId)
			.param("status", status.value())
			.update();
		this.audit.record(
				AuditEntry
					.of(actor, "commission.lead-invalid", "commission", commissionId, "status=" + status.value(),
							"status=declined")
					.withDetail(why));
		this.events.publishEvent(
				new CommissionsStatusChanged(List.of(commissionId), status, CommissionStatus.DECLINED, actor));
		return this.store.findLine(commissionId);
	}

	/**
	 * What the partner sees after "Lead: ": the contact's name, else his e-mail masked
	 * (he must not get a list of addresses from opt-ins).
	 */
	static String label(ContactSummary contact) {
		if (!contact.name().isBlank()) {
			return contact.name();
		}
		String email = contact.email();
		int at = email.indexOf('@');
		if (at <= 0) {
			return "***";
		}
		return email.substring(0, 1) + "***" + email.substring(at).toLowerCase(Locale.ROOT);
	}

}
