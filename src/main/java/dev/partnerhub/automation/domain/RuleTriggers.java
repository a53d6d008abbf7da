package dev.partnerhub.automation.domain;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleTrigger;
import dev.partnerhub.commissions.CommissionCreated;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.CommissionsStatusChanged;
import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.groups.GroupMember;
import dev.partnerhub.groups.MembersPage;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.partners.PartnerCreated;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.rollups.FilterCompiler;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupValueChanged;
import dev.partnerhub.rollups.SqlFragment;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns application events (after their transaction committed) and the daily schedule into rule evaluations.
 * <p>
 * Listeners only enqueue: the publisher (e.g. the order request) never waits for rules. The queue is in memory,
 * bounded and coalescing — one entry per (trigger, partner) until the worker takes it, since an evaluation reads the
 * partner's state of that moment, so ten orders of one partner need one evaluation. A single worker thread takes
 * everything queued in one batch, applies pending rollup changes once for the batch (only when some evaluation needs
 * them), and evaluates. Exactly-once firing still comes from the database ({@link RuleEngine}), not from the queue.
 * <p>
 * What a crash loses: evaluations queued and not yet run (normally milliseconds' worth). At start-up
 * {@link #recover()} re-evaluates the partners with commissions created, approved or paid and rollup values changed in
 * the last {@code partnerhub.automation.rules.recovery-window} (15 min): evaluations are idempotent, so re-running
 * them is harmless. A full queue drops the event (logged); the partner's next event evaluates his current state.
 * Tests wait for the queue with {@link #awaitIdle(Duration)}.
 */
@Component
public class RuleTriggers {

	private static final Logger log = LoggerFactory.getLogger(RuleTriggers.class);

	/** Triggers whose evaluation needs the rollups of this moment (the event may be newer than the last refresh). */
	private static final Set<RuleTrigger> NEED_REFRESH = Set.of(RuleTrigger.PARTNER_SIGNED_UP,
			RuleTrigger.PARTNER_APPROVED, RuleTrigger.COMMISSION_CREATED, RuleTrigger.COMMISSION_APPROVED,
			RuleTrigger.COMMISSION_PAID, RuleTrigger.GROUP_ADDED);

	private final RuleEngine engine;

	private final Rules rules;

	private final PartnerApi partners;

	private final GroupApi groups;

	private final RollupApi rollups;

	private final JdbcClient jdbc;

	private final boolean scheduled;

	private final int capacity;

	private final long batchDelayMillis;

	private final Duration recoveryWindow;

	/** Guards {@link #pending} and {@link #busy}; the worker and {@link #awaitIdle} wait on it. */
	private final Object lock = new Object();

	/** Queued jobs by coalescing key, in arrival order. */
	private final LinkedHashMap<Object, Object> pending = new LinkedHashMap<>();

	private boolean busy;

	private boolean stopping;

	private long dropped;

	private Thread worker;

	RuleTriggers(RuleEngine engine, Rules rules, PartnerApi partners, GroupApi groups, RollupApi rollups,
			JdbcClient jdbc, @Value("${partnerhub.automation.rules.enabled:true}") boolean scheduled,
			@Value("${partnerhub.automation.rules.queue-capacity:50000}") int capacity,
			@Value("${partnerhub.automation.rules.batch-delay:PT0.05S}") Duration batchDelay,
			@Value("${partnerhub.automation.rules.recovery-window:PT15M}") Duration recoveryWindow) {
		this.engine = engine;
		this.rules = rules;
		this.partners = partners;
		this.groups = groups;
		this.rollups = rollups;
		this.jdbc = jdbc;
		this.scheduled = scheduled;
		this.capacity = capacity;
		this.batchDelayMillis = batchDelay.toMillis();
		this.recoveryWindow = recoveryWindow;
	}

	// ---- jobs (records: equal jobs coalesce)

	/** Evaluate every enabled rule of the trigger for the partner. */
	record Evaluate(RuleTrigger trigger, long partnerId) {
	}

	/** Rollup rules (of this rollup, or any) and group rules for the partner of the contact. */
	record RollupChange(String rollup, long contactId) {
	}

	/** Approved/paid: the partners of these commissions (resolved by the worker). Never coalesced. */
	static final class StatusChange {

		final RuleTrigger trigger;

		final List<Long> commissionIds;

		StatusChange(RuleTrigger trigger, List<Long> commissionIds) {
			this.trigger = trigger;
			this.commissionIds = commissionIds;
		}

	}

	/** Re-evaluates recent activity after a restart. */
	record Recovery(Instant since) {
	}

	// ---- events

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onPartnerCreated(PartnerCreated event) {
		if (event.selfSignup()) {
			enqueue(new Evaluate(RuleTrigger.PARTNER_SIGNED_UP, event.partnerId()));
		}
		enqueue(new Evaluate(RuleTrigger.GROUP_ADDED, event.partnerId()));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onPartnerApproved(PartnerApproved event) {
		enqueue(new Evaluate(RuleTrigger.PARTNER_APPROVED, event.partnerId()));
		enqueue(new Evaluate(RuleTrigger.GROUP_ADDED, event.partnerId()));
	}

	/** Clawbacks (negative commissions of a refund) are not new sales: they do not trigger "commission created". */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onCommissionCreated(CommissionCreated event) {
		if (event.clawbackOf() == null) {
			enqueue(new Evaluate(RuleTrigger.COMMISSION_CREATED, event.partnerId()));
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onCommissionsStatusChanged(CommissionsStatusChanged event) {
		RuleTrigger trigger = event.to() == CommissionStatus.APPROVED ? RuleTrigger.COMMISSION_APPROVED
				: event.to() == CommissionStatus.PAID ? RuleTrigger.COMMISSION_PAID : null;
		if (trigger != null && !event.commissionIds().isEmpty()) {
			enqueue(new StatusChange(trigger, List.copyOf(event.commissionIds())));
		}
	}

	/** Published in the rollup refresher's transaction; also re-checks "added to group" rules for the partner. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onRollupChanged(RollupValueChanged event) {
		enqueue(new RollupChange(event.name().toLowerCase(java.util.Locale.ROOT), event.contactId()));
	}

	/** After a restart: what a crash may have left unevaluated (see the class comment). */
	@EventListener(ApplicationReadyEvent.class)
	void recover() {
		if (!this.recoveryWindow.isZero()) {
			enqueue(new Recovery(this.engine.now().minus(this.recoveryWindow)));
		}
	}

	// ---- queue

	private void enqueue(Object job) {
		synchronized (this.lock) {
			if (this.pending.containsKey(job)) {
				return;
			}
			if (this.pending.size() >= this.capacity) {
				if (this.dropped++ % 10_000 == 0) {
					log.warn("Automation rule queue full ({} jobs): dropped {} event(s) so far; the partners' next "
							+ "events evaluate their rules", this.capacity, this.dropped);
				}
				return;
			}
			this.pending.put(job, job);
			this.lock.notifyAll();
		}
	}

	/**
	 * Waits until nothing is queued and the worker is idle (evaluations caused by evaluations included); false when
	 * the timeout passed first. For tests and shutdown.
	 */
	public boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (!this.pending.isEmpty() || this.busy) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					this.lock.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

	@PostConstruct
	void start() {
		this.worker = new Thread(this::work, "automation-rules");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	/** Graceful shutdown: what is queued is evaluated (up to 10 s) while the database is still there. */
	@PreDestroy
	void stop() {
		if (!awaitIdle(Duration.ofSeconds(10))) {
			log.warn("Automation rules: shutting down with {} queued evaluation(s)", this.pending.size());
		}
		synchronized (this.lock) {
			this.stopping = true;
			this.lock.notifyAll();
		}
	}

	private void work() {
		while (true) {
			List<Object> batch;
			synchronized (this.lock) {
				while (this.pending.isEmpty() && !this.stopping) {
					try {
						this.lock.wait();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
				if (this.stopping) {
					return;
				}
				this.busy = true;
			}
			try {
				if (this.batchDelayMillis > 0) {
					Thread.sleep(this.batchDelayMillis); // let events of the same partners coalesce
				}
				synchronized (this.lock) {
					batch = new ArrayList<>(this.pending.values());
					this.pending.clear();
				}
				process(batch);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Automation rules failed for a batch of events", ex);
			}
			finally {
				synchronized (this.lock) {
					this.busy = false;
					this.lock.notifyAll();
				}
			}
		}
	}

	/** One batch: resolve the jobs to (trigger, partner) evaluations, refresh rollups once if needed, evaluate. */
	void process(List<Object> batch) {
		Map<RuleTrigger, List<Rule>> enabled = new EnumMap<>(RuleTrigger.class);
		LinkedHashSet<Evaluate> evaluations = new LinkedHashSet<>();
		Map<Long, List<String>> rollupChanges = new LinkedHashMap<>();
		for (Object job : batch) {
			try {
				if (job instanceof Evaluate evaluate) {
					evaluations.add(evaluate);
				}
				else if (job instanceof StatusChange change) {
					if (!enabled(enabled, change.trigger).isEmpty()) {
						this.jdbc.sql("select distinct partner_id from commission where id = any(:ids)")
							.param("ids", change.commissionIds.toArray(Long[]::new))
							.query(Long.class)
							.list()
							.forEach(partner -> evaluations.add(new Evaluate(change.trigger, partner)));
					}
				}
				else if (job instanceof RollupChange change) {
					rollupChanges.computeIfAbsent(change.contactId(), c -> new ArrayList<>()).add(change.rollup());
				}
				else if (job instanceof Recovery recovery) {
					recover(recovery.since(), enabled, evaluations, rollupChanges);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Automation rules: could not resolve {}", job, ex);
			}
		}
		// Rules that are settled for the partner (once-ever, fired) are dropped before the rollup refresh: a partner
		// with many sales, whose milestone fired long ago, costs one read of rule_state per batch and nothing more.
		Map<Evaluate, List<Rule>> todo = new LinkedHashMap<>();
		for (Evaluate evaluation : evaluations) {
			try {
				List<Rule> rules = this.engine.undecided(enabled(enabled, evaluation.trigger()),
						evaluation.partnerId(), evaluation.trigger());
				if (!rules.isEmpty()) {
					todo.put(evaluation, rules);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Automation rules: could not read the state of {}", evaluation, ex);
			}
		}
		if (todo.keySet().stream().anyMatch(e -> NEED_REFRESH.contains(e.trigger()))) {
			this.rollups.refreshPending();
		}
		Instant now = this.engine.now();
		todo.forEach((evaluation, rules) -> {
			boolean logSkips = evaluation.trigger() != RuleTrigger.GROUP_ADDED;
			rules.forEach(rule -> this.engine.evaluate(rule, evaluation.partnerId(), evaluation.trigger(), now,
					logSkips, true));
		});
		if (!rollupChanges.isEmpty()) {
			rollupChanged(rollupChanges, enabled, now);
		}
	}

	/**
	 * Rollup rules of a changed rollup (or of any), and group rules, for each partner whose values changed. The
	 * values were just written by the refresh that published the change: no refresh first.
	 */
	private void rollupChanged(Map<Long, List<String>> changes, Map<RuleTrigger, List<Rule>> enabled, Instant now) {
		List<Rule> changed = enabled(enabled, RuleTrigger.ROLLUP_CHANGED);
		List<Rule> grouped = enabled(enabled, RuleTrigger.GROUP_ADDED);
		if (changed.isEmpty() && grouped.isEmpty()) {
			return;
		}
		changes.forEach((contactId, names) -> {
			PartnerSummary partner = this.partners.findByContactId(contactId).orElse(null);
			if (partner == null) {
				return;
			}
			List<Rule> hit = changed.stream()
				.filter(rule -> rule.triggerParam() == null
						|| names.contains(rule.triggerParam().toLowerCase(java.util.Locale.ROOT)))
				.toList();
			this.engine.evaluateAll(hit, partner.id(), RuleTrigger.ROLLUP_CHANGED, now, true);
			this.engine.evaluateAll(grouped, partner.id(), RuleTrigger.GROUP_ADDED, now, false);
		});
	}

	/** Partners with recent activity, for the triggers that have enabled rules. */
	private void recover(Instant since, Map<RuleTrigger, List<Rule>> enabled, Set<Evaluate> evaluations,
			Map<Long, List<String>> rollupChanges) {
		Timestamp from = Timestamp.from(since);
		if (!enabled(enabled, RuleTrigger.COMMISSION_CREATED).isEmpty()) {
			// newest rows only (no index on created_at): the primary key bounds the scan
			this.jdbc.sql("""
					select distinct partner_id from commission
					where id > (select coalesce(max(id), 0) - 500000 from commission)
					and created_at >= :from and clawback_of is null
					""").param("from", from).query(Long.class).list()
				.forEach(p -> evaluations.add(new Evaluate(RuleTrigger.COMMISSION_CREATED, p)));
		}
		for (RuleTrigger trigger : List.of(RuleTrigger.COMMISSION_APPROVED, RuleTrigger.COMMISSION_PAID)) {
			if (!enabled(enabled, trigger).isEmpty()) {
				String column = trigger == RuleTrigger.COMMISSION_APPROVED ? "approved_at" : "paid_at";
				this.jdbc.sql("select distinct partner_id from commission where " + column + " >= :from")
					.param("from", from).query(Long.class).list()
					.forEach(p -> evaluations.add(new Evaluate(trigger, p)));
			}
		}
		if (!enabled(enabled, RuleTrigger.ROLLUP_CHANGED).isEmpty()) {
			this.jdbc.sql("""
					select distinct v.contact_id, lower(f.name) as name from rollup_value v
					join rollup_field f on f.id = v.rollup_field_id where v.computed_at >= :from
					""").param("from", from).query((rs, n) -> {
				rollupChanges.computeIfAbsent(rs.getLong(1), c -> new ArrayList<>()).add(rs.getString(2));
				return null;
			}).list();
		}
		log.info("Automation rules: re-checking activity since {} after start-up ({} evaluations)", since,
				evaluations.size());
	}

	private List<Rule> enabled(Map<RuleTrigger, List<Rule>> cache, RuleTrigger trigger) {
		return cache.computeIfAbsent(trigger, this.rules::enabledRules);
	}

	// ---- daily

	@Scheduled(cron = "0 2 * * * *", zone = "UTC")
	@SchedulerLock(name = "automation-rules-daily", lockAtMostFor = "PT50M", lockAtLeastFor = "PT30S")
	void scheduledDaily() {
		if (this.scheduled) {
			runDaily(this.engine.now());
		}
	}

	/**
	 * Runs each enabled daily rule whose hour (UTC) has come and that has not run on {@code now}'s day, over every
	 * partner, and re-checks every "added to group" rule once a day. A rule is claimed for the day with a
	 * conditional update, so two instances (or a late and a regular run) never both run it. Returns the rules run.
	 */
	public int runDaily(Instant now) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		int hour = now.atZone(ZoneOffset.UTC).getHour();
		int ran = 0;
		this.rollups.refreshPending();
		for (Rule rule : this.rules.enabledRules(RuleTrigger.DAILY)) {
			int at = rule.triggerParam() == null ? 0 : Integer.parseInt(rule.triggerParam());
			if (at <= hour && claim(rule, today)) {
				dailyRule(rule, now);
				ran++;
			}
		}
		for (Rule rule : this.rules.enabledRules(RuleTrigger.GROUP_ADDED)) {
			if (claim(rule, today)) {
				dailyGroup(rule, now);
				ran++;
			}
		}
		return ran;
	}

	private boolean claim(Rule rule, LocalDate today) {
		return this.jdbc.sql("""
				update automation_rule set last_daily_on = :today
				where id = :id and (last_daily_on is null or last_daily_on < :today)
				""").param("today", today).param("id", rule.id()).update() > 0;
	}

	/** Set-based: only partners whose state may change are evaluated one by one. */
	private void dailyRule(Rule rule, Instant now) {
		SqlFragment where = rule.filter() == null ? new SqlFragment("true", Map.of())
				: FilterCompiler.compile(rule.filter(), this.rules.catalog(rule.filter()), Rules.today(now), "rule",
						"filter");
		Map<String, Object> params = new HashMap<>(where.params());
		params.put("rule", rule.id());
		List<Long> candidates = this.jdbc.sql("select rp.id " + Rules.FROM + "where " + where.sql() + """
				 and not exists (select 1 from rule_state s where s.rule_id = :rule and s.partner_id = rp.id
				 and s.matched) order by rp.id""").params(params).query(Long.class).list();
		List<Long> rearm = this.jdbc.sql("select s.partner_id from rule_state s where s.rule_id = :rule and s.matched"
				+ " and not exists (select 1 " + Rules.FROM + "where rp.id = s.partner_id and " + where.sql() + ")")
			.params(params)
			.query(Long.class)
			.list();
		candidates.forEach(partner -> this.engine.evaluate(rule, partner, RuleTrigger.DAILY, now, false, true));
		rearm.forEach(partner -> this.engine.evaluate(rule, partner, RuleTrigger.DAILY, now, false, true));
	}

	private void dailyGroup(Rule rule, Instant now) {
		long group = Long.parseLong(rule.triggerParam());
		for (int page = 0; page < 10_000; page++) {
			MembersPage members = this.groups.members(group, page, 500);
			for (GroupMember member : members.items()) {
				this.partners.findByContactId(member.contactId())
					.ifPresent(partner -> this.engine.evaluate(rule, partner.id(), RuleTrigger.GROUP_ADDED, now, false,
							true));
			}
			if ((long) (page + 1) * 500 >= members.total()) {
				break;
			}
		}
		// members who left: re-arm them
		this.jdbc.sql("select partner_id from rule_state where rule_id = :rule and matched")
			.param("rule", rule.id())
			.query(Long.class)
			.list()
			.forEach(partner -> this.engine.evaluate(rule, partner, RuleTrigger.GROUP_ADDED, now, false, true));
	}

	static Timestamp ts(Instant at) {
		return Timestamp.from(at);
	}

}
