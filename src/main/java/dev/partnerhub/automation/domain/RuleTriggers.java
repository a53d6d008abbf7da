package dev.partnerhub.automation.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns application events (after their transaction committed) and the daily schedule into rule evaluations.
 * <p>
 * Listeners run after commit, in the publisher's thread, and hand the evaluation to a worker thread that they
 * wait for: code in an after-commit callback still sits in the committed transaction's resources (a nested
 * {@code REQUIRED} transaction, e.g. the rollup refresh, would silently join it and never commit), while the waiting
 * keeps behaviour deterministic (the caller sees the rule's effects when his call returns). A failing evaluation is
 * logged, never thrown at the publisher, whose work is committed already.
 */
@Component
public class RuleTriggers {

	private static final Logger log = LoggerFactory.getLogger(RuleTriggers.class);

	private final RuleEngine engine;

	private final Rules rules;

	private final PartnerApi partners;

	private final GroupApi groups;

	private final RollupApi rollups;

	private final JdbcClient jdbc;

	private final boolean scheduled;

	private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "automation-rules");
		thread.setDaemon(true);
		return thread;
	});

	RuleTriggers(RuleEngine engine, Rules rules, PartnerApi partners, GroupApi groups, RollupApi rollups,
			JdbcClient jdbc, @Value("${partnerhub.automation.rules.enabled:true}") boolean scheduled) {
		this.engine = engine;
		this.rules = rules;
		this.partners = partners;
		this.groups = groups;
		this.rollups = rollups;
		this.jdbc = jdbc;
		this.scheduled = scheduled;
	}

	@PreDestroy
	void stop() {
		this.workers.shutdown();
	}

	// ---- events

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onPartnerCreated(PartnerCreated event) {
		run(() -> {
			if (event.selfSignup()) {
				this.engine.evaluateAll(RuleTrigger.PARTNER_SIGNED_UP, event.partnerId(), true);
			}
			this.engine.evaluateAll(RuleTrigger.GROUP_ADDED, event.partnerId(), false);
		});
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onPartnerApproved(PartnerApproved event) {
		run(() -> {
			this.engine.evaluateAll(RuleTrigger.PARTNER_APPROVED, event.partnerId(), true);
			this.engine.evaluateAll(RuleTrigger.GROUP_ADDED, event.partnerId(), false);
		});
	}

	/** Clawbacks (negative commissions of a refund) are not new sales: they do not trigger "commission created". */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onCommissionCreated(CommissionCreated event) {
		if (event.clawbackOf() != null) {
			return;
		}
		run(() -> this.engine.evaluateAll(RuleTrigger.COMMISSION_CREATED, event.partnerId(), true));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onCommissionsStatusChanged(CommissionsStatusChanged event) {
		RuleTrigger trigger = event.to() == CommissionStatus.APPROVED ? RuleTrigger.COMMISSION_APPROVED
				: event.to() == CommissionStatus.PAID ? RuleTrigger.COMMISSION_PAID : null;
		if (trigger == null) {
			return;
		}
		run(() -> {
			if (this.rules.enabledRules(trigger).isEmpty()) {
				return;
			}
			List<Long> partnerIds = this.jdbc.sql("select distinct partner_id from commission where id = any(:ids)")
				.param("ids", event.commissionIds().toArray(Long[]::new))
				.query(Long.class)
				.list();
			partnerIds.forEach(partner -> this.engine.evaluateAll(trigger, partner, true));
		});
	}

	/** Published in the rollup refresher's transaction; also re-checks "added to group" rules for the partner. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onRollupChanged(RollupValueChanged event) {
		run(() -> {
			List<Rule> changed = this.rules.enabledRules(RuleTrigger.ROLLUP_CHANGED)
				.stream()
				.filter(rule -> rule.triggerParam() == null || rule.triggerParam().equalsIgnoreCase(event.name()))
				.toList();
			List<Rule> grouped = this.rules.enabledRules(RuleTrigger.GROUP_ADDED);
			if (changed.isEmpty() && grouped.isEmpty()) {
				return;
			}
			PartnerSummary partner = this.partners.findByContactId(event.contactId()).orElse(null);
			if (partner == null) {
				return;
			}
			this.rollups.refreshPending();
			Instant now = this.engine.now();
			changed.forEach(rule -> this.engine.evaluate(rule, partner.id(), RuleTrigger.ROLLUP_CHANGED, now, true,
					true));
			grouped.forEach(rule -> this.engine.evaluate(rule, partner.id(), RuleTrigger.GROUP_ADDED, now, false,
					true));
		});
	}

	private void run(Runnable work) {
		Future<?> future = this.workers.submit(() -> {
			try {
				work.run();
			}
			catch (RuntimeException ex) {
				log.warn("Automation rules failed for an event", ex);
			}
		});
		try {
			future.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			log.warn("Automation rules did not finish within 60 s; they go on in the background", ex);
		}
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
