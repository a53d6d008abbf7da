package dev.partnerhub.automation.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleTrigger;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.CommissionsCreated;
import dev.partnerhub.commissions.CommissionsStatusChanged;
import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.SqlFragment;
import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.groups.GroupMember;
import dev.partnerhub.groups.MembersPage;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.partners.PartnerCreated;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupValueChanged;
import dev.partnerhub.rollups.RollupValuesChanged;
import dev.partnerhub.support.PartnerhubProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Turns application events and the daily schedule into rule evaluations.
 * <p>
 * The event listeners are {@link ApplicationModuleListener}s backed by Spring Modulith's
 * event publication registry: publishing an event writes one {@code event_publication}
 * row per listener in the publisher's transaction, the listener runs after the commit on
 * the module-event executor (the publisher, e.g. the order request, never waits for
 * rules), and the row is completed only when the evaluation returned. An evaluation
 * interrupted by a crash, or one that threw (a lost database), stays incomplete and is
 * resubmitted ({@code support.events.EventPublications}), so nothing is lost and nothing
 * needs a replay window. Evaluations are idempotent — exactly-once firing comes from the
 * database ({@link RuleEngine}) — so a resubmission that repeats one is harmless.
 * <p>
 * Coalescing comes from the events themselves: the commissions of a whole group-committed
 * batch of orders arrive as one {@link CommissionsCreated} (one evaluation per distinct
 * partner), approvals and payments per chunk, rollup changes per write. Each listener
 * call evaluates its partners once, refreshing pending rollups at most once.
 */
@Component
public class RuleTriggers {

	/**
	 * Triggers whose evaluation needs the rollups of this moment (the event may be newer
	 * than the last refresh).
	 */
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

	RuleTriggers(RuleEngine engine, Rules rules, PartnerApi partners, GroupApi groups, RollupApi rollups,
			JdbcClient jdbc, PartnerhubProperties properties) {
		this.engine = engine;
		this.rules = rules;
		this.partners = partners;
		this.groups = groups;
		this.rollups = rollups;
		this.jdbc = jdbc;
		this.scheduled = properties.automation().rules().enabled();
	}

	/** Evaluate every enabled rule of the trigger for the partner. */
	record Evaluate(RuleTrigger trigger, long partnerId) {
	}

	// ---- events (registry-backed: see the class comment). The listener ids are stored
	// with each publication, so
	// they are fixed names, not the default method signatures: renaming a method must not
	// orphan stored publications.
	// NOT_SUPPORTED: no transaction around the listener; the engine runs each step in its
	// own transaction.

	@ApplicationModuleListener(id = "automation.rules.partner-created", propagation = Propagation.NOT_SUPPORTED)
	void onPartnerCreated(PartnerCreated event) {
		List<Evaluate> evaluations = new ArrayList<>();
		if (event.selfSignup()) {
			evaluations.add(new Evaluate(RuleTrigger.PARTNER_SIGNED_UP, event.partnerId()));
		}
		evaluations.add(new Evaluate(RuleTrigger.GROUP_ADDED, event.partnerId()));
		evaluate(evaluations);
	}

	@ApplicationModuleListener(id = "automation.rules.partner-approved", propagation = Propagation.NOT_SUPPORTED)
	void onPartnerApproved(PartnerApproved event) {
		evaluate(List.of(new Evaluate(RuleTrigger.PARTNER_APPROVED, event.partnerId()),
				new Evaluate(RuleTrigger.GROUP_ADDED, event.partnerId())));
	}

	/**
	 * New sales' commissions (clawbacks of refunds are not new sales and are not in the
	 * event).
	 */
	@ApplicationModuleListener(id = "automation.rules.commissions-created", propagation = Propagation.NOT_SUPPORTED)
	void onCommissionsCreated(CommissionsCreated event) {
		evaluate(event.partnerIds().stream().map(p -> new Evaluate(RuleTrigger.COMMISSION_CREATED, p)).toList());
	}

	@ApplicationModuleListener(id = "automation.rules.commissions-status-changed",
			propagation = Propagation.NOT_SUPPORTED)
	void onCommissionsStatusChanged(CommissionsStatusChanged event) {
		RuleTrigger trigger = event.to() == CommissionStatus.APPROVED ? RuleTrigger.COMMISSION_APPROVED
				: event.to() == CommissionStatus.PAID ? RuleTrigger.COMMISSION_PAID : null;
		if (trigger == null || event.commissionIds().isEmpty() || this.rules.enabledRules(trigger).isEmpty()) {
			return;
		}
		evaluate(this.jdbc.sql("select distinct partner_id from commission_ledger where id = any(:ids)")
			.param("ids", event.commissionIds().toArray(Long[]::new))
			.query(Long.class)
			.list()
			.stream()
			.map(partner -> new Evaluate(trigger, partner))
			.toList());
	}

	/**
	 * Published in the rollup writer's transaction: rollup rules (of this rollup, or any)
	 * and group rules for the partners whose values changed. The values were just
	 * written: no refresh first.
	 */
	@ApplicationModuleListener(id = "automation.rules.rollup-values-changed", propagation = Propagation.NOT_SUPPORTED)
	void onRollupValuesChanged(RollupValuesChanged event) {
		Map<RuleTrigger, List<Rule>> enabled = new EnumMap<>(RuleTrigger.class);
		List<Rule> changed = enabled(enabled, RuleTrigger.ROLLUP_CHANGED);
		List<Rule> grouped = enabled(enabled, RuleTrigger.GROUP_ADDED);
		if (changed.isEmpty() && grouped.isEmpty()) {
			return;
		}
		Map<Long, Set<String>> byContact = new LinkedHashMap<>();
		for (RollupValueChanged change : event.changes()) {
			byContact.computeIfAbsent(change.contactId(), c -> new HashSet<>())
				.add(change.name().toLowerCase(Locale.ROOT));
		}
		Instant now = this.engine.now();
		byContact.forEach((contactId, names) -> {
			PartnerSummary partner = this.partners.findByContactId(contactId).orElse(null);
			if (partner == null) {
				return;
			}
			List<Rule> hit = changed.stream()
				.filter(rule -> rule.triggerParam() == null
						|| names.contains(rule.triggerParam().toLowerCase(Locale.ROOT)))
				.toList();
			this.engine.evaluateAll(hit, partner.id(), RuleTrigger.ROLLUP_CHANGED, now, true);
			this.engine.evaluateAll(grouped, partner.id(), RuleTrigger.GROUP_ADDED, now, false);
		});
	}

	/**
	 * Evaluates the enabled rules of each (trigger, partner). Rules that are settled for
	 * the partner (once-ever, fired) are dropped before the rollup refresh: a partner
	 * with many sales, whose milestone fired long ago, costs one read of rule_state and
	 * nothing more. A database failure propagates, so the publication stays incomplete
	 * and is resubmitted.
	 */
	void evaluate(Collection<Evaluate> evaluations) {
		Map<RuleTrigger, List<Rule>> enabled = new EnumMap<>(RuleTrigger.class);
		Map<Evaluate, List<Rule>> todo = new LinkedHashMap<>();
		for (Evaluate evaluation : new LinkedHashSet<>(evaluations)) {
			List<Rule> rules = this.engine.undecided(enabled(enabled, evaluation.trigger()), evaluation.partnerId(),
					evaluation.trigger());
			if (!rules.isEmpty()) {
				todo.put(evaluation, rules);
			}
		}
		if (todo.isEmpty()) {
			return;
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
	 * Runs each enabled daily rule whose hour (UTC) has come and that has not run on
	 * {@code now}'s day, over every partner, and re-checks every "added to group" rule
	 * once a day. A rule is claimed for the day with a conditional update, so two
	 * instances (or a late and a regular run) never both run it. Returns the rules run.
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
		SqlFragment where = rule.filter() == null ? new SqlFragment("true", Map.of()) : FilterCompiler
			.compile(rule.filter(), this.rules.catalog(rule.filter()), Rules.today(now), "rule", "filter");
		Map<String, Object> params = new HashMap<>(where.params());
		params.put("rule", rule.id());
		List<Long> candidates = this.jdbc.sql("select rp.id " + RuleConditions.FROM + "where " + where.sql() + """
				and not exists (select 1 from rule_state s where s.rule_id = :rule and s.partner_id = rp.id
				and s.matched) order by rp.id""").params(params).query(Long.class).list();
		List<Long> rearm = this.jdbc
			.sql("select s.partner_id from rule_state s where s.rule_id = :rule and s.matched"
					+ " and not exists (select 1 " + RuleConditions.FROM + "where rp.id = s.partner_id and "
					+ where.sql() + ")")
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
