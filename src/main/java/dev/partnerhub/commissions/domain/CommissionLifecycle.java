package dev.partnerhub.commissions.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.CommissionsStatusChanged;
import dev.partnerhub.commissions.LifecycleResult;
import dev.partnerhub.commissions.LifecycleResult.Skipped;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approve and decline, set-based: one conditional
 * {@code UPDATE … WHERE status = 'pending'} per chunk, so a commission changes at most
 * once however many requests race for it, and a repeated chunk changes nothing more.
 * <p>
 * Audit: one audit entry per changed commission, written by the same SQL statement
 * through the function the audit module publishes for set-based callers
 * ({@code audit_record_all}, V26_11; audit owns {@code audit_entry}) rather than through
 * {@code AuditLog.record} row by row — same transaction, and 100k approvals stay one
 * round trip per chunk (the row locks are held no longer than before).
 * <p>
 * Rows are locked in id order ({@code ORDER BY id FOR NO KEY UPDATE}) before they are
 * changed, so concurrent bulk requests over overlapping ids queue behind each other
 * instead of deadlocking. {@code NO KEY}: the change never touches the key, and a plain
 * {@code FOR UPDATE} would also conflict with the {@code FOR KEY SHARE} locks that
 * foreign-key checks take (a payout linking approved commissions). Under READ COMMITTED a
 * row that was pending when the approval started and approved by a concurrent request
 * stays locked after its recheck fails, so two approvals and a payout deadlocked in
 * ApproveAndPayRaceTests.
 */
@Service
public class CommissionLifecycle {

	/**
	 * Commissions per transaction: bounded lock sets and memory, progress a bulk job can
	 * report.
	 */
	public static final int CHUNK = 5_000;

	public static final int MAX_REASON = 500;

	private static final String APPROVE = """
			with target as (
			    select c.id from commission c
			    where c.id = any(:ids) and c.status = 'pending'
			    order by c.id
			    for no key update
			), changed as (
			    update commission c set status = 'approved', approved_at = now(), version = c.version + 1
			    from target t
			    where c.id = t.id and c.status = 'pending'
			    returning c.id, c.amount, c.currency
			), audited as (
			    select audit_record_all(:actor, 'commission.approve', 'commission', array_agg(cast(id as text)),
			           '{"status":"pending"}',
			           array_agg(json_build_object('status', 'approved', 'amount', amount, 'currency', currency)::text),
			           null) as entries
			    from changed
			)
			select id from changed cross join audited
			""";

	private static final String DECLINE = """
			with target as (
			    select c.id from commission c
			    where c.id = any(:ids) and c.status = 'pending'
			    order by c.id
			    for no key update
			), changed as (
			    update commission c set status = 'declined', declined_at = now(), decline_reason = :reason,
			           version = c.version + 1
			    from target t
			    where c.id = t.id and c.status = 'pending'
			    returning c.id, c.amount, c.currency
			), audited as (
			    select audit_record_all(:actor, 'commission.decline', 'commission', array_agg(cast(id as text)),
			           '{"status":"pending"}',
			           array_agg(json_build_object('status', 'declined', 'amount', amount, 'currency', currency)::text),
			           :reason) as entries
			    from changed
			)
			select id from changed cross join audited
			""";

	/**
	 * Pending commissions older than their earning partner's program's approval delay
	 * (null = manual approval only). The partner and program belong to other modules;
	 * this reads the views they publish in a join (set-based, one statement), like the
	 * commission list does. The program is the partner's current one. Rows someone else
	 * holds (a manual decline in progress) are skipped, not waited for: the next run sees
	 * them if they are still pending.
	 */
	private static final String AUTO_APPROVE = """
			with target as (
			    select c.id from commission c
			    join partner_directory p on p.id = c.partner_id
			    join program_catalog g on g.id = p.program_id
			    where c.status = 'pending' and g.approval_delay_days is not null
			      and c.transaction_date <= now() - make_interval(days => g.approval_delay_days)
			    order by c.id
			    limit :limit
			    for no key update of c skip locked
			), changed as (
			    update commission c set status = 'approved', approved_at = now(), version = c.version + 1
			    from target t
			    where c.id = t.id and c.status = 'pending'
			    returning c.id, c.amount, c.currency
			), audited as (
			    select audit_record_all('system', 'commission.approve', 'commission', array_agg(cast(id as text)),
			           '{"status":"pending"}',
			           array_agg(json_build_object('status', 'approved', 'amount', amount, 'currency', currency)::text),
			           'auto-approval: approval delay passed') as entries
			    from changed
			)
			select id from changed cross join audited
			""";

	public enum Kind {

		APPROVE, DECLINE;

		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		public static Kind of(String value) {
			return valueOf(value.toUpperCase(java.util.Locale.ROOT));
		}

	}

	/** What one chunk did; {@code skippedByReason} counts the skipped ones per reason. */
	public record ChunkResult(int changed, List<Skipped> skipped) {

		public Map<String, Integer> skippedByReason() {
			Map<String, Integer> counts = new LinkedHashMap<>();
			this.skipped.forEach(s -> counts.merge(s.reason(), 1, Integer::sum));
			return counts;
		}

	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	/**
	 * Second pair of hands for large requests (see {@link #apply}); shared by all
	 * requests, so bounded.
	 */
	private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2,
			task -> {
				Thread thread = new Thread(task, "commission-lifecycle");
				thread.setDaemon(true);
				return thread;
			});

	CommissionLifecycle(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Approves or declines every id, {@link #CHUNK} per transaction (a retry after a
	 * failure is safe). Two chunks run at a time: their id ranges are disjoint and each
	 * locks in id order, so this stays deadlock-free, and the database gets a second
	 * core.
	 */
	public LifecycleResult apply(Kind kind, long[] ids, String reason, String actor) {
		String why = checkedReason(kind, reason);
		long[] distinct = Arrays.stream(ids).distinct().sorted().toArray();
		List<java.util.concurrent.Future<ChunkResult>> chunks = new ArrayList<>();
		for (int from = 0; from < distinct.length; from += CHUNK) {
			long[] chunk = Arrays.copyOfRange(distinct, from, Math.min(distinct.length, from + CHUNK));
			java.util.concurrent.Callable<ChunkResult> work = () -> inTransaction(
					() -> applyChunk(kind, chunk, why, actor));
			chunks.add(distinct.length <= CHUNK ? java.util.concurrent.CompletableFuture.completedFuture(call(work))
					: this.workers.submit(work));
		}
		int changed = 0;
		List<Skipped> skipped = new ArrayList<>();
		for (java.util.concurrent.Future<ChunkResult> chunk : chunks) {
			ChunkResult result = join(chunk);
			changed += result.changed();
			skipped.addAll(result.skipped());
		}
		return new LifecycleResult(changed, skipped);
	}

	private static ChunkResult call(java.util.concurrent.Callable<ChunkResult> work) {
		try {
			return work.call();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ChunkResult join(java.util.concurrent.Future<ChunkResult> chunk) {
		try {
			return chunk.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while approving or declining", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.workers.shutdownNow();
	}

	/**
	 * One chunk in the caller's transaction: the conditional update, its audit rows, and
	 * why the rest was skipped.
	 */
	public ChunkResult applyChunk(Kind kind, long[] ids, String reason, String actor) {
		if (ids.length == 0) {
			return new ChunkResult(0, List.of());
		}
		List<Long> changed = this.jdbc.sql(kind == Kind.APPROVE ? APPROVE : DECLINE)
			.param("ids", new SqlArrayValue("bigint", boxed(ids)))
			.params(kind == Kind.APPROVE ? Map.of("actor", actor) : Map.of("actor", actor, "reason", reason))
			.query(Long.class)
			.list();
		if (!changed.isEmpty()) {
			this.events.publishEvent(new CommissionsStatusChanged(changed, CommissionStatus.PENDING,
					kind == Kind.APPROVE ? CommissionStatus.APPROVED : CommissionStatus.DECLINED, actor));
		}
		if (changed.size() == ids.length) {
			return new ChunkResult(changed.size(), List.of());
		}
		Set<Long> done = new HashSet<>(changed);
		long[] rest = Arrays.stream(ids).filter(id -> !done.contains(id)).toArray();
		// A new statement sees what concurrent transactions committed meanwhile: the
		// reason is the current status.
		Map<Long, String> statuses = new LinkedHashMap<>();
		this.jdbc.sql("select id, status from commission where id = any(:ids)")
			.param("ids", new SqlArrayValue("bigint", boxed(rest)))
			.query(rs -> {
				statuses.put(rs.getLong("id"), rs.getString("status"));
			});
		List<Skipped> skipped = new ArrayList<>(rest.length);
		for (long id : rest) {
			skipped.add(new Skipped(id, reason(kind, statuses.get(id))));
		}
		return new ChunkResult(changed.size(), skipped);
	}

	/**
	 * Approves up to {@code limit} due commissions as {@code system}; returns how many.
	 * Caller's transaction.
	 */
	public int autoApproveChunk(int limit) {
		List<Long> changed = this.jdbc.sql(AUTO_APPROVE).param("limit", limit).query(Long.class).list();
		if (!changed.isEmpty()) {
			this.events.publishEvent(new CommissionsStatusChanged(changed, CommissionStatus.PENDING,
					CommissionStatus.APPROVED, "system"));
		}
		return changed.size();
	}

	/**
	 * Runs a chunk in its own transaction, again after a deadlock or lock timeout (the
	 * chunk is idempotent).
	 */
	public <T> T inTransaction(java.util.function.Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transactions.execute(status -> work.get());
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt >= 3) {
					throw ex;
				}
			}
		}
	}

	static @Nullable String checkedReason(Kind kind, String reason) {
		if (kind != Kind.DECLINE) {
			return null;
		}
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "A reason is required to decline commissions.");
		}
		String text = reason.strip();
		if (text.length() > MAX_REASON) {
			throw new InvalidInputException("reason", "The reason may have at most " + MAX_REASON + " characters.");
		}
		return text;
	}

	private static String reason(Kind kind, String status) {
		if (status == null) {
			return "not found";
		}
		if ((kind == Kind.APPROVE && "approved".equals(status))
				|| (kind == Kind.DECLINE && "declined".equals(status))) {
			return "already " + status;
		}
		if ("held".equals(status)) {
			// never approved or declined in bulk: the held list releases or declines it
			return "held for review";
		}
		// Still pending: a concurrent change came and went between the update and this
		// read; rare, retryable.
		return "pending".equals(status) ? "changed concurrently" : status;
	}

	private static Object[] boxed(long[] ids) {
		Object[] boxed = new Object[ids.length];
		for (int i = 0; i < ids.length; i++) {
			boxed[i] = ids[i];
		}
		return boxed;
	}

}
