package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.commissions.Attribution;
import dev.partnerhub.commissions.Bonus;
import dev.partnerhub.commissions.BonusResult;
import dev.partnerhub.commissions.CommissionAdjustment;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionDetail;
import dev.partnerhub.commissions.CommissionCreated;
import dev.partnerhub.commissions.CommissionsCreated;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.CommissionsRefunded;
import dev.partnerhub.commissions.EarningsTotal;
import dev.partnerhub.commissions.ImportedCommission;
import dev.partnerhub.commissions.LifecycleResult;
import dev.partnerhub.commissions.Refund;
import dev.partnerhub.commissions.Sale;
import dev.partnerhub.commissions.domain.CommissionCalculator.Buyer;
import dev.partnerhub.commissions.domain.CommissionCalculator.Draft;
import dev.partnerhub.commissions.domain.CommissionCalculator.Earner;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.ExchangeRates;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates commissions for sales and charges, and applies refunds to them (reduce, refund
 * or claw back).
 */
@Service
@Transactional
class CommissionService implements CommissionApi {

	private final CommissionStore commissions;

	private final ContactApi contacts;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CommissionQueries queries;

	private final CommissionLifecycle lifecycle;

	private final AuditLog audit;

	private final ExchangeRates exchangeRates;

	private final BonusService bonuses;

	private final LeadRewardService leads;

	private final HoldRules holdRules;

	CommissionService(CommissionStore commissions, ContactApi contacts, PartnerApi partners, ProgramApi programs,
			ApplicationEventPublisher events, Clock clock, CommissionQueries queries, CommissionLifecycle lifecycle,
			AuditLog audit, ExchangeRates exchangeRates, BonusService bonuses, HoldRules holdRules,
			LeadRewardService leads) {
		this.leads = leads;
		this.bonuses = bonuses;
		this.holdRules = holdRules;
		this.audit = audit;
		this.exchangeRates = exchangeRates;
		this.commissions = commissions;
		this.lifecycle = lifecycle;
		this.queries = queries;
		this.contacts = contacts;
		this.partners = partners;
		this.programs = programs;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Attribution> attribute(ContactSummary buyer) {
		Credit rule = this.programs.settings().credit();
		Long partnerId = rule == Credit.FIRST ? buyer.firstReferrerId() : buyer.lastReferrerId();
		return Optional.ofNullable(partnerId).map(id -> new Attribution(id, rule));
	}

	@Override
	public List<CommissionLine> credit(Sale sale) {
		return creditAll(List.of(sale)).get(0);
	}

	@Override
	public List<List<CommissionLine>> creditAll(List<Sale> sales) {
		List<CommissionStore.SaleDrafts> work = new ArrayList<>(sales.size());
		HoldRules.Settings holdSettings = sales.stream().anyMatch(sale -> sale.attribution() != null)
				? this.holdRules.current() : null;
		for (Sale sale : sales) {
			work.add(drafts(sale, holdSettings));
		}
		List<List<Long>> ids = this.commissions.insertPending(work);
		List<List<CommissionLine>> credited = new ArrayList<>(sales.size());
		List<Long> created = new ArrayList<>();
		Set<Long> earners = new LinkedHashSet<>();
		for (int s = 0; s < work.size(); s++) {
			CommissionStore.SaleDrafts one = work.get(s);
			Sale sale = one.sale();
			List<CommissionLine> lines = new ArrayList<>(one.drafts().size());
			for (int i = 0; i < one.drafts().size(); i++) {
				Draft draft = one.drafts().get(i);
				long id = ids.get(s).get(i);
				CommissionStatus status = one.holdReason() == null ? CommissionStatus.PENDING : CommissionStatus.HELD;
				lines.add(new CommissionLine(id, draft.partnerId(), one.codeOf(draft), draft.tier(), draft.amount(),
						status, sale.chargeId(), null, draft.currency(),
						draft.conversion() == null ? null : draft.conversion().rate()));
				this.events.publishEvent(new CommissionCreated(id, draft.partnerId(), sale.contactId(), sale.orderId(),
						draft.tier(), draft.amount(), draft.currency(), status, sale.occurredAt(), null));
				created.add(id);
				earners.add(draft.partnerId());
			}
			lines.sort(Comparator.comparingLong(CommissionLine::id));
			credited.add(lines);
		}
		if (!created.isEmpty()) {
			this.events.publishEvent(new CommissionsCreated(created, List.copyOf(earners)));
		}
		return credited;
	}

	/** What one sale earns, with the partner codes of its earners. */
	private CommissionStore.SaleDrafts drafts(Sale sale, HoldRules.Settings holdSettings) {
		if (sale.attribution() == null) {
			return new CommissionStore.SaleDrafts(sale, List.of(), null, null, null);
		}
		String buyerEmail = sale.buyerEmail() != null ? sale.buyerEmail()
				: this.contacts.findById(sale.contactId())
					.map(ContactSummary::email)
					.orElseThrow(() -> new NotFoundException("No contact " + sale.contactId()));
		Buyer buyer = new Buyer(sale.contactId(), buyerEmail);
		// the credited partner and his parent in one fresh read: a suspension counts at
		// once
		List<PartnerApi.Earner> chain = this.partners.findWithParent(sale.attribution().partnerId());
		Earner tier1 = chain.isEmpty() ? null : earner(chain.get(0));
		Earner parent = chain.size() < 2 ? null : earner(chain.get(1));
		List<Draft> drafts = CommissionCalculator.drafts(sale, sale.attribution().rule(), buyer, tier1, parent,
				this.exchangeRates::require);
		// the hold rules look at the tier-1 partner; a flagged sale holds all its
		// commissions
		String hold = drafts.isEmpty() ? null : this.holdRules.reason(holdSettings, sale, tier1.partner().id(),
				buyerEmail, tier1.partner().payoutEmail());
		return new CommissionStore.SaleDrafts(sale, drafts, tier1 == null ? null : tier1.partner().code(),
				parent == null ? null : parent.partner().code(), hold);
	}

	/**
	 * With his current program (cached briefly, like every program read); none when the
	 * program is gone.
	 */
	private Earner earner(PartnerApi.Earner found) {
		return this.programs.findProgram(found.partner().programId())
			.map(program -> new Earner(found.partner(), found.email(), program))
			.orElse(null);
	}

	@Override
	@Transactional(readOnly = true)
	public boolean existsExternal(String externalId) {
		return this.commissions.existsExternal(externalId);
	}

	@Override
	public Optional<Long> recordImported(ImportedCommission c) {
		if (c.amount().signum() <= 0 || c.amount().stripTrailingZeros().scale() > 2) {
			throw new InvalidInputException("amount",
					"An imported commission needs a positive amount with 2 decimals.");
		}
		if ((c.paidAt() != null) != (c.status() == CommissionStatus.PAID)) {
			throw new InvalidInputException("paidAt", "Paid date goes with status paid, and only with it.");
		}
		Optional<Long> id = this.commissions.insertImported(c);
		id.ifPresent(
				created -> this.audit
					.record(AuditEntry
						.of(c.actor(), "commission.import", "commission", created, null,
								"status=" + c.status().value() + ", amount=" + c.amount().setScale(2) + " "
										+ c.currency())
						.withDetail("external id " + c.externalId() + "; " + c.reason())));
		return id;
	}

	@Override
	public List<CommissionLine> refund(Refund refund) {
		Map<BaseKey, Refund.Part> parts = new HashMap<>();
		refund.parts().forEach(part -> parts.put(new BaseKey(part.orderItemId(), part.chargeId()), part));
		Instant now = this.clock.instant();
		List<Long> changed = new ArrayList<>();
		for (Commission commission : this.commissions.findRefundable(refund.orderId())) {
			BigDecimal remaining = commission.remaining();
			Refund.Part part = parts.get(new BaseKey(commission.orderItemId(), commission.chargeId()));
			BigDecimal reduction = CommissionCalculator.reduction(commission.originalAmount(), remaining,
					commission.baseAmount(), part == null ? null : part.refunded(), refund.full());
			if (reduction.signum() <= 0) {
				continue;
			}
			if (commission.status().unpaid()) {
				boolean all = reduction.compareTo(remaining) >= 0;
				// Fully refunded keeps its amount (what was refunded) and changes status;
				// partial keeps its status.
				this.commissions.reduce(commission, all ? commission.amount() : commission.amount().subtract(reduction),
						all ? CommissionStatus.REFUNDED : commission.status(), refund.refundId());
				changed.add(commission.id());
			}
			else if (commission.status() == CommissionStatus.PAID) {
				// Paid is never edited: a negative commission, approved so the next
				// payout deducts it.
				CommissionCreated created = this.commissions.insertClawback(commission.id(), refund.refundId(),
						reduction.negate(), refund.occurredAt(),
						"clawback of commission " + commission.id() + ": refund " + refund.refundLabel(), now);
				this.events.publishEvent(created);
				changed.add(created.commissionId());
			}
		}
		if (!changed.isEmpty()) {
			this.events.publishEvent(new CommissionsRefunded(refund.orderId(), refund.refundId(), changed));
		}
		return this.commissions.findByRefund(refund.refundId());
	}

	@Override
	@Transactional(readOnly = true)
	public List<CommissionLine> findBySale(long orderId, Long chargeId) {
		return this.commissions.findBySale(orderId, chargeId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CommissionLine> findByRefund(long refundId) {
		return this.commissions.findByRefund(refundId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CommissionLine> findByOrder(long orderId) {
		return this.commissions.findByOrder(orderId);
	}

	@Override
	public BonusResult giveBonus(Bonus bonus) {
		return this.bonuses.give(bonus);
	}

	@Override
	public Optional<CommissionLine> rewardLead(long contactId, long partnerId, long programId) {
		return this.leads.reward(contactId, partnerId, programId);
	}

	@Override
	public CommissionLine markLeadInvalid(long commissionId, String note) {
		return this.leads.markInvalid(commissionId, note);
	}

	@Override
	@Transactional(readOnly = true)
	public List<EarningsTotal> earningsOf(long partnerId) {
		return this.commissions.earningsOf(partnerId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CommissionDetail> detailsOfOrder(long orderId) {
		return this.queries.detailsOfOrder(orderId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CommissionAdjustment> adjustmentsOfOrder(long orderId) {
		return this.queries.adjustmentsOfOrder(orderId);
	}

	/**
	 * What a commission stands on: an item of the initial sale (chargeId null) or an
	 * item's share of a charge.
	 */
	private record BaseKey(long orderItemId, @Nullable Long chargeId) {
	}

	// Not in this class's transaction: the lifecycle commits chunk by chunk (see
	// CommissionLifecycle).
	@Override
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public LifecycleResult approve(Collection<Long> ids) {
		return this.lifecycle.apply(CommissionLifecycle.Kind.APPROVE, unboxed(ids), null, Actor.current());
	}

	@Override
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public LifecycleResult decline(Collection<Long> ids, String reason) {
		return this.lifecycle.apply(CommissionLifecycle.Kind.DECLINE, unboxed(ids), reason, Actor.current());
	}

	private static long[] unboxed(Collection<Long> ids) {
		return ids.stream().mapToLong(id -> {
			if (id == null) {
				throw new dev.partnerhub.support.InvalidInputException("ids", "Ids must be numbers, not null.");
			}
			return id;
		}).toArray();
	}

}
