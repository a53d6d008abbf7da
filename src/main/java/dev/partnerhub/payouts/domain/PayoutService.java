package dev.partnerhub.payouts.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.commissions.CommissionPayouts;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.payouts.NextPayment;
import dev.partnerhub.payouts.PayoutApi;
import dev.partnerhub.payouts.PayoutsPaid;
import dev.partnerhub.payouts.domain.PayoutViews.Batch;
import dev.partnerhub.payouts.domain.PayoutViews.Created;
import dev.partnerhub.payouts.domain.PayoutViews.Line;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, pays and cancels payout batches. Batch creation is serialized by an advisory
 * lock (one creation at a time, each sees what the previous one took) and guarded by the
 * unique index on live commission links; paying and cancelling lock the batch row. State
 * machine: created → paid | cancelled; items created → paid | cancelled.
 */
@Service
public class PayoutService implements PayoutApi {

	/**
	 * Namespace of this module's advisory locks (first key of pg_advisory_xact_lock(int,
	 * int)).
	 */
	static final int LOCK_SPACE = 8;

	private final JdbcClient jdbc;

	private final PayoutQueries queries;

	private final CommissionPayouts commissions;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private static final RowMapper<PayoutsPaid.Item> PAID_ITEM = (rs, n) -> new PayoutsPaid.Item(rs.getLong("id"),
			rs.getLong("partner_id"), rs.getBigDecimal("amount"), rs.getString("currency"));

	PayoutService(JdbcClient jdbc, PayoutQueries queries, CommissionPayouts commissions, PartnerApi partners,
			ProgramApi programs, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.queries = queries;
		this.commissions = commissions;
		this.partners = partners;
		this.programs = programs;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * {@link #create(Long, String)} in the one currency that is payable (several → 409).
	 */
	@Transactional
	public Created create(Long programId) {
		return create(programId, null);
	}

	/**
	 * One batch of one currency with an item per payable partner, all in a few set-based
	 * statements: a batch never mixes currencies. {@code currency} null takes the only
	 * currency that has payable balances; when balances in several currencies are
	 * payable, the caller must choose ({@link ConflictException} naming them). Nothing to
	 * pay (including a racing creation that took everything first) is a
	 * {@link ConflictException}: no empty batches.
	 */
	@Transactional
	public Created create(Long programId, String requestedCurrency) {
		if (programId != null && this.programs.findProgram(programId).isEmpty()) {
			throw new NotFoundException("No program " + programId + ".");
		}
		if (requestedCurrency != null) {
			Currencies.require("currency", requestedCurrency);
		}
		this.jdbc.sql("select pg_advisory_xact_lock(:space, 1)").param("space", LOCK_SPACE).query().listOfRows();
		// Blocked partners are not touched by the inserts below: listing them first
		// spares a second big scan.
		PayoutViews.Preview preview = this.queries.preview(programId);
		String currency = requestedCurrency;
		if (currency == null) {
			List<String> payable = preview.payable().stream().map(Line::currency).distinct().sorted().toList();
			if (payable.size() > 1) {
				throw new ConflictException("currency", "Balances in " + String.join(", ", payable)
						+ " are payable, and a payout batch holds one currency: create one batch per currency (choose "
						+ "the currency).");
			}
			if (payable.isEmpty()) {
				throw new ConflictException("Nothing to pay: no approved partner has an unbatched balance at or "
						+ "above the minimum payout with a usable payout method.");
			}
			currency = payable.get(0);
		}
		String batchCurrency = currency;
		List<Line> blocked = preview.blocked().stream().filter(line -> line.currency().equals(batchCurrency)).toList();
		Instant now = this.clock.instant();
		String actor = Actor.current();
		long batchId = this.jdbc.sql("""
				insert into payout_batch (program_id, status, currency, created_by, created_at)
				values (:program, 'created', :currency, :actor, :at) returning id
				""")
			.param("program", programId, java.sql.Types.BIGINT)
			.param("currency", currency)
			.param("actor", truncate(actor, 254))
			.param("at", Timestamp.from(now))
			.query(Long.class)
			.single();
		// Items and links in one statement: the candidates CTE is materialized once and
		// feeds both inserts.
		this.jdbc.sql("with " + PayoutQueries.BALANCES + """
				, items as (
				    insert into payout_item (batch_id, partner_id, payout_email, amount, currency, commission_count,
				                             status, method, account_holder, iban_enc, iban_mask, bic_enc,
				                             local_details_enc, instructions)
				    select :batch, b.partner_id, b.payout_email, b.amount, b.currency, b.n, 'created', b.method,
				           b.account_holder, b.iban_enc, b.iban_mask, b.bic_enc, b.local_details_enc, b.instructions
				    from balances b
				    where b.amount > 0 and b.amount >= b.minimum_payout and b.blocked_reason is null
				    returning id, partner_id, currency
				)
				insert into payout_item_commission (item_id, batch_id, commission_id, amount)
				select i.id, :batch, c.id, c.amount
				from items i join candidates c on c.partner_id = i.partner_id and c.currency = i.currency
				""")
			.param("program", programId, java.sql.Types.BIGINT)
			.param("currency", currency)
			.param("batch", batchId)
			.update();
		var summary = this.jdbc
			.sql("""
					update payout_batch b set total = s.total, item_count = s.n
					from (select coalesce(sum(amount), 0) as total, count(*) as n from payout_item where batch_id = :batch) s
					where b.id = :batch
					returning b.total, b.item_count
					""")
			.param("batch", batchId)
			.query()
			.singleRow();
		int items = ((Number) summary.get("item_count")).intValue();
		if (items == 0) {
			// Rolls the empty batch back; the caller learns why (and who is blocked) from
			// the preview.
			throw new ConflictException("Nothing to pay in " + currency + ": no approved partner has an unbatched "
					+ "balance at or above the minimum payout with a usable payout method.");
		}
		this.audit.record(AuditEntry.of(actor, "payout.create", "payout_batch", batchId, null,
				"{\"status\":\"created\",\"program\":%s,\"total\":\"%s\",\"currency\":\"%s\",\"items\":%d,\"blocked\":%d}"
					.formatted(programId == null ? "null" : programId.toString(), summary.get("total"), currency, items,
							blocked.size())));
		return new Created(batchId, currency, blocked);
	}

	/**
	 * Pays every unpaid item. Paying a paid batch again changes nothing (same result); a
	 * cancelled one is 409.
	 */
	@Transactional
	public Batch markPaid(long batchId) {
		Batch batch = lock(batchId);
		if ("cancelled".equals(batch.status())) {
			throw new ConflictException("Payout batch " + batchId + " was cancelled; it cannot be paid.");
		}
		if ("paid".equals(batch.status())) {
			return batch;
		}
		Instant now = this.clock.instant();
		List<Long> ids = this.jdbc.sql("""
				select l.commission_id from payout_item_commission l join payout_item i on i.id = l.item_id
				where l.batch_id = :batch and i.status = 'created' and l.released_at is null
				""").param("batch", batchId).query(Long.class).list();
		int changed = this.commissions.markPaid(ids, now);
		List<PayoutsPaid.Item> paidItems = this.jdbc.sql("""
				update payout_item set status = 'paid', paid_at = :at where batch_id = :batch and status = 'created'
				returning id, partner_id, amount, currency
				""").param("at", Timestamp.from(now)).param("batch", batchId).query(PAID_ITEM).list();
		int items = paidItems.size();
		this.events.publishEvent(new PayoutsPaid(batchId, paidItems, now));
		this.jdbc.sql("update payout_batch set status = 'paid', paid_at = :at, version = version + 1 where id = :id")
			.param("at", Timestamp.from(now))
			.param("id", batchId)
			.update();
		this.audit.record(AuditEntry
			.of(Actor.current(), "payout.mark_paid", "payout_batch", batchId, "{\"status\":\"created\"}",
					"{\"status\":\"paid\",\"items\":%d,\"commissions\":%d}".formatted(items, changed))
			.withDetail(skipped(ids.size(), changed)));
		return this.queries.findBatch(batchId).orElseThrow();
	}

	/**
	 * Pays one item; the batch becomes paid with its last item. Idempotent like
	 * {@link #markPaid(long)}.
	 */
	@Transactional
	public Batch markItemPaid(long batchId, long itemId) {
		return markItemPaid(batchId, itemId, null);
	}

	/**
	 * Pays one item, noting {@code reference} (the bank's or PayPal's transaction id, at
	 * most 140 characters; blank = none). Idempotent: an item already paid keeps its
	 * first reference.
	 */
	@Transactional
	public Batch markItemPaid(long batchId, long itemId, String reference) {
		String ref = reference == null || reference.isBlank() ? null : reference.strip();
		if (ref != null && (ref.length() > 140 || ref.chars().anyMatch(c -> c < 0x20))) {
			throw new InvalidInputException("reference", "A reference has at most 140 characters, on one line.");
		}
		Batch batch = lock(batchId);
		String status = this.jdbc.sql("select status from payout_item where id = :item and batch_id = :batch")
			.param("item", itemId)
			.param("batch", batchId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No item " + itemId + " in payout batch " + batchId + "."));
		if ("cancelled".equals(batch.status())) {
			throw new ConflictException("Payout batch " + batchId + " was cancelled; it cannot be paid.");
		}
		if ("paid".equals(status)) {
			return batch;
		}
		Instant now = this.clock.instant();
		List<Long> ids = this.jdbc.sql("""
				select commission_id from payout_item_commission where item_id = :item and released_at is null
				""").param("item", itemId).query(Long.class).list();
		List<PayoutsPaid.Item> paidItems = this.jdbc.sql("""
				update payout_item set status = 'paid', paid_at = :at, reference = :ref
				where id = :item and status = 'created' returning id, partner_id, amount, currency
				""").param("at", Timestamp.from(now)).param("ref", ref).param("item", itemId).query(PAID_ITEM).list();
		if (paidItems.isEmpty()) {
			// not 'created' any more (cancelled items belong to cancelled batches)
			return this.queries.findBatch(batchId).orElseThrow();
		}
		int changed = this.commissions.markPaid(ids, now);
		this.events.publishEvent(new PayoutsPaid(batchId, paidItems, now));
		this.jdbc.sql("""
				update payout_batch set status = 'paid', paid_at = :at, version = version + 1
				where id = :id and not exists (select 1 from payout_item where batch_id = :id and status = 'created')
				""").param("at", Timestamp.from(now)).param("id", batchId).update();
		this.audit.record(
				AuditEntry
					.of(Actor.current(), "payout_item.mark_paid", "payout_item", itemId, "{\"status\":\"created\"}",
							"{\"status\":\"paid\",\"batch\":%d,\"commissions\":%d,\"reference\":%s}".formatted(batchId,
									changed, PayoutDetailsService.Json.q(ref)))
					.withDetail(skipped(ids.size(), changed)));
		return this.queries.findBatch(batchId).orElseThrow();
	}

	/**
	 * Cancels a batch none of whose items is paid, releasing its commissions for a later
	 * batch. Cancelling twice is fine; a paid (or partly paid) batch is 409.
	 */
	@Transactional
	public Batch cancel(long batchId) {
		Batch batch = lock(batchId);
		if ("cancelled".equals(batch.status())) {
			return batch;
		}
		boolean anyPaid = this.jdbc
			.sql("select exists (select 1 from payout_item where batch_id = :batch and status = 'paid')")
			.param("batch", batchId)
			.query(Boolean.class)
			.single();
		if ("paid".equals(batch.status()) || anyPaid) {
			throw new ConflictException(
					"Payout batch " + batchId + " is paid (or partly paid); it cannot be cancelled.");
		}
		Instant now = this.clock.instant();
		int released = this.jdbc.sql("""
				update payout_item_commission set released_at = :at where batch_id = :batch and released_at is null
				""").param("at", Timestamp.from(now)).param("batch", batchId).update();
		this.jdbc.sql("update payout_item set status = 'cancelled' where batch_id = :batch")
			.param("batch", batchId)
			.update();
		this.jdbc.sql("""
				update payout_batch set status = 'cancelled', cancelled_at = :at, version = version + 1 where id = :id
				""").param("at", Timestamp.from(now)).param("id", batchId).update();
		this.audit.record(AuditEntry.of(Actor.current(), "payout.cancel", "payout_batch", batchId,
				batch.currency() == null ? "{\"status\":\"created\"}"
						: "{\"status\":\"created\",\"total\":\"%s\",\"currency\":\"%s\"}".formatted(batch.total(),
								batch.currency()),
				"{\"status\":\"cancelled\",\"releasedCommissions\":%d}".formatted(released)));
		return this.queries.findBatch(batchId).orElseThrow();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<NextPayment> nextPayment(long partnerId) {
		Optional<PartnerSummary> partner = this.partners.findById(partnerId);
		if (partner.isEmpty()) {
			return Optional.empty();
		}
		ProgramSummary program = this.programs.findProgram(partner.get().programId()).orElseThrow();
		PartnerSettings settings = this.programs.settings();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		BigDecimal balance = this.queries.unbatchedBalance(partnerId, program.currency());
		boolean below = balance.signum() <= 0 || balance.compareTo(program.minimumPayout()) < 0;
		return Optional.of(new NextPayment(PayoutSchedule.next(settings.payoutSchedule(), settings.payoutDay(), today),
				balance.setScale(2), program.currency(), below, program.minimumPayout()));
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Map<String, BigDecimal> dueByCurrency() {
		return this.queries.unbatchedByCurrency();
	}

	@Override
	public java.util.Map<String, BigDecimal> payableByCurrency(@org.jspecify.annotations.Nullable Long programId) {
		return this.queries.payableByCurrency(programId);
	}

	@Override
	public LocalDate nextPayoutDate() {
		PartnerSettings settings = this.programs.settings();
		return PayoutSchedule.next(settings.payoutSchedule(), settings.payoutDay(),
				LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC));
	}

	private Batch lock(long batchId) {
		this.jdbc.sql("select id from payout_batch where id = :id for update")
			.param("id", batchId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No payout batch " + batchId + "."));
		return this.queries.findBatch(batchId).orElseThrow();
	}

	/**
	 * Commissions refunded after they were batched are no longer approved: they are left
	 * unpaid, and said so.
	 */
	private static String skipped(int linked, int changed) {
		return linked == changed ? null : (linked - changed)
				+ " commission(s) of the item(s) were no longer approved and were not marked paid.";
	}

	private static String truncate(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}

}
