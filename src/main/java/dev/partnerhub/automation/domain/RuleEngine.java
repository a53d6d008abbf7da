package dev.partnerhub.automation.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleAction;
import dev.partnerhub.automation.RuleTrigger;
import dev.partnerhub.automation.SequenceApi;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.rollups.RollupApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates a rule for one partner and fires it on a crossing (condition false → true).
 * The crossing is claimed with a conditional update of {@code rule_state}
 * ({@code ... set matched = true where not matched}): of several evaluations racing on
 * the same partner — threads or instances — exactly one sees the row change and fires;
 * the others see it matched already. {@code rule_firing}'s primary key (rule, partner,
 * crossing) backs that up. The claim commits before the actions run; each action then
 * runs in its own transaction (a failing action is logged and the next one still runs),
 * as the actor {@code rule:<name>} for the audit log.
 */
@Component
public class RuleEngine {

	private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

	/** What one evaluation did. */
	public enum Outcome {

		/** Fired; every action succeeded. */
		OK,
		/** Fired; at least one action failed. */
		ERROR,
		/** Condition false (re-armed). */
		FALSE,
		/**
		 * Condition true but no crossing (already matched, or a once-ever rule that fired
		 * before).
		 */
		NO_CROSSING

	}

	private final Rules rules;

	private final JdbcClient jdbc;

	private final RollupApi rollups;

	private final GroupApi groups;

	private final PartnerApi partners;

	private final ContactApi contacts;

	private final ProgramApi programs;

	private final MailApi mail;

	private final SequenceApi sequences;

	private final TransactionTemplate tx;

	private final Clock clock;

	RuleEngine(Rules rules, JdbcClient jdbc, RollupApi rollups, GroupApi groups, PartnerApi partners,
			ContactApi contacts, ProgramApi programs, MailApi mail, SequenceApi sequences,
			PlatformTransactionManager transactions, Clock clock) {
		this.rules = rules;
		this.jdbc = jdbc;
		this.rollups = rollups;
		this.groups = groups;
		this.partners = partners;
		this.contacts = contacts;
		this.programs = programs;
		this.mail = mail;
		this.sequences = sequences;
		this.tx = new TransactionTemplate(transactions);
		// Callers may sit in an after-commit callback of another transaction: never join
		// it.
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Evaluates these rules (of one trigger) for one partner; the caller applied pending
	 * rollup changes. Reads the partner's {@code rule_state} rows first: a once-ever rule
	 * that has fired for him and whose condition was true at its last evaluation is
	 * skipped without querying the condition — it can never fire for him again, and for
	 * the per-commission triggers this is the common case (one evaluation per sale
	 * otherwise). Rollup and group triggers always evaluate: they keep the state current
	 * (re-arming, the group membership snapshot).
	 */
	public void evaluateAll(List<Rule> enabled, long partnerId, RuleTrigger trigger, Instant now, boolean logSkips) {
		for (Rule rule : undecided(enabled, partnerId, trigger)) {
			evaluate(rule, partnerId, trigger, now, logSkips, true);
		}
	}

	/**
	 * The rules of {@link #evaluateAll} that still need an evaluation for the partner
	 * (one read of rule_state).
	 */
	public List<Rule> undecided(List<Rule> enabled, long partnerId, RuleTrigger trigger) {
		if (enabled.isEmpty() || trigger == RuleTrigger.ROLLUP_CHANGED || trigger == RuleTrigger.GROUP_ADDED) {
			return enabled;
		}
		Long[] onceEver = enabled.stream().filter(rule -> !rule.everyCrossing()).map(Rule::id).toArray(Long[]::new);
		if (onceEver.length == 0) {
			return enabled;
		}
		Set<Long> done = new HashSet<>(this.jdbc.sql("""
				select rule_id from rule_state
				where partner_id = :p and rule_id = any(:r) and matched and crossings > 0
				""").param("p", partnerId).param("r", onceEver).query(Long.class).list());
		return done.isEmpty() ? enabled : enabled.stream().filter(rule -> !done.contains(rule.id())).toList();
	}

	/**
	 * Evaluates the rule for the partner and fires it on a crossing. {@code refreshed}:
	 * the caller applied pending rollup changes already. Never throws for a partner's
	 * failure: it is logged in the run log.
	 */
	public Outcome evaluate(Rule rule, long partnerId, RuleTrigger trigger, Instant now, boolean logSkips,
			boolean refreshed) {
		try {
			if (!refreshed) {
				this.rollups.refreshPending();
			}
			Optional<PartnerSummary> partner = this.partners.findById(partnerId);
			if (partner.isEmpty()) {
				return Outcome.FALSE;
			}
			boolean matched = condition(rule, partner.get(), now);
			int crossing = this.tx.execute(status -> transition(rule, partnerId, matched, now));
			if (crossing <= 0) {
				// Only skips that tell the admin something are logged (first evaluation
				// false, re-armed, a crossing
				// of a once-ever rule that fired before); "still true" / "still false"
				// would be a row per event.
				String why = crossing == FIRST_FALSE ? "condition false" : crossing == REARMED
						? "condition false (re-armed)"
						: crossing == FIRED_BEFORE ? "fired before (this rule fires once ever per partner)" : null;
				if (logSkips && why != null) {
					this.tx.executeWithoutResult(
							s -> this.rules.logRun(rule.id(), partnerId, trigger, now, "skipped", null, why));
				}
				return matched ? Outcome.NO_CROSSING : Outcome.FALSE;
			}
			return fire(rule, partner.get(), trigger, crossing, now);
		}
		catch (RuntimeException ex) {
			log.warn("Rule {} failed for partner {}", rule.id(), partnerId, ex);
			this.tx.executeWithoutResult(s -> this.rules.logRun(rule.id(), partnerId, trigger, now, "error", null,
					"evaluation failed: " + ex.getMessage()));
			return Outcome.ERROR;
		}
	}

	private boolean condition(Rule rule, PartnerSummary partner, Instant now) {
		if (rule.trigger() == RuleTrigger.GROUP_ADDED) {
			// "added to group": the crossing of (member and condition), so rule_state is
			// the membership snapshot
			long group = Long.parseLong(rule.triggerParam());
			if (!this.groups.isMember(group, partner.contactId())) {
				return false;
			}
		}
		return this.rules.matches(rule.filter(), partner.id(), Rules.today(now));
	}

	/** {@link #transition} results besides a crossing number (≥ 1). */
	static final int NO_CHANGE = 0, FIRED_BEFORE = -1, REARMED = -2, FIRST_FALSE = -3;

	/**
	 * Records the condition's new value. Returns the crossing number when this call
	 * turned it false → true and the rule may fire, {@link #FIRED_BEFORE} for a crossing
	 * a once-ever rule must not fire again, {@link #REARMED} for true → false,
	 * {@link #FIRST_FALSE} for the partner's first evaluation of the rule, false, and
	 * {@link #NO_CHANGE} otherwise.
	 */
	private int transition(Rule rule, long partnerId, boolean matched, Instant now) {
		int created = this.jdbc.sql("""
				insert into rule_state (rule_id, partner_id, matched, crossings, updated_at)
				values (:r, :p, false, 0, :now) on conflict do nothing
				""").param("r", rule.id()).param("p", partnerId).param("now", Timestamp.from(now)).update();
		if (!matched) {
			int rearmed = this.jdbc.sql("""
					update rule_state set matched = false, updated_at = :now
					where rule_id = :r and partner_id = :p and matched
					""").param("r", rule.id()).param("p", partnerId).param("now", Timestamp.from(now)).update();
			return rearmed > 0 ? REARMED : created > 0 ? FIRST_FALSE : NO_CHANGE;
		}
		Optional<Integer> crossing = this.jdbc.sql("""
				update rule_state set matched = true, crossings = crossings + 1, updated_at = :now
				where rule_id = :r and partner_id = :p and not matched
				returning crossings
				""")
			.param("r", rule.id())
			.param("p", partnerId)
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.optional();
		if (crossing.isEmpty()) {
			return NO_CHANGE;
		}
		if (!rule.everyCrossing() && crossing.get() > 1) {
			return FIRED_BEFORE;
		}
		int inserted = this.jdbc.sql("""
				insert into rule_firing (rule_id, partner_id, crossing_no, fired_at) values (:r, :p, :c, :now)
				on conflict do nothing
				""")
			.param("r", rule.id())
			.param("p", partnerId)
			.param("c", crossing.get())
			.param("now", Timestamp.from(now))
			.update();
		return inserted > 0 ? crossing.get() : NO_CHANGE;
	}

	private Outcome fire(Rule rule, PartnerSummary partner, RuleTrigger trigger, int crossing, Instant now) {
		List<String> done = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (RuleAction action : rule.actions()) {
			try {
				String result = asRule(rule, () -> this.tx.execute(s -> perform(rule, action, partner.id(), crossing)));
				done.add(action.summary() + (result == null ? "" : " (" + result + ")"));
			}
			catch (RuntimeException ex) {
				errors.add(action.summary() + ": "
						+ (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
			}
		}
		String outcome = errors.isEmpty() ? "ok" : "error";
		this.tx.executeWithoutResult(s -> this.rules.logRun(rule.id(), partner.id(), trigger, now, outcome,
				done.isEmpty() ? null : String.join("; ", done), errors.isEmpty() ? null : String.join("; ", errors)));
		return errors.isEmpty() ? Outcome.OK : Outcome.ERROR;
	}

	/**
	 * One action; returns a note for the run log. Throws with a readable message when it
	 * cannot be done.
	 */
	private String perform(Rule rule, RuleAction action, long partnerId, int crossing) {
		PartnerSummary partner = this.partners.findById(partnerId)
			.orElseThrow(() -> new IllegalStateException("the partner no longer exists"));
		switch (action.type()) {
			case CHANGE_PROGRAM -> {
				ProgramSummary current = this.programs.findProgram(partner.programId()).orElseThrow();
				ProgramSummary target;
				if (Rules.isNextLevel(action.param())) {
					if (current.nextLevelProgramId() == null) {
						throw new IllegalStateException("program " + current.name() + " has no next level");
					}
					target = this.programs.findProgram(current.nextLevelProgramId()).orElseThrow();
				}
				else {
					target = this.programs.findProgramByName(action.param())
						.orElseThrow(() -> new IllegalStateException("no program named " + action.param()));
				}
				if (target.id() == current.id()) {
					return "already in " + target.name();
				}
				this.partners.changeProgram(partnerId, target.id());
				return current.name() + " → " + target.name();
			}
			case SET_STATUS -> {
				PartnerStatus status = PartnerStatus.of(action.param());
				if (partner.status() == status) {
					return "already " + status.value();
				}
				this.partners.changeStatus(partnerId, status);
				return partner.status().value() + " → " + status.value();
			}
			case SEND_EMAIL -> {
				boolean known = this.mail.templateKeys().stream().anyMatch(k -> k.equalsIgnoreCase(action.param()));
				if (!known) {
					throw new IllegalStateException("no e-mail template " + action.param());
				}
				String email = this.contacts.findById(partner.contactId()).map(ContactSummary::email).orElseThrow();
				boolean queued = this.mail.queue(MailRequest.of(action.param(), email)
					.forPartner(partnerId)
					.dedupe("rule:" + rule.id() + ":" + partnerId + ":" + crossing));
				return queued ? "queued to " + email : "queued before";
			}
			case ADD_TAG -> {
				int added = this.jdbc
					.sql("insert into contact_tag (contact_id, tag) values (:c, :t) on conflict do nothing")
					.param("c", partner.contactId())
					.param("t", action.param())
					.update();
				return added > 0 ? null : "had it already";
			}
			case REMOVE_TAG -> {
				int removed = this.jdbc.sql("delete from contact_tag where contact_id = :c and lower(tag) = lower(:t)")
					.param("c", partner.contactId())
					.param("t", action.param())
					.update();
				return removed > 0 ? null : "did not have it";
			}
			case START_SEQUENCE, STOP_SEQUENCE -> {
				long sequence = this.sequences.findSequence(action.param())
					.orElseThrow(() -> new IllegalStateException("no sequence named " + action.param()));
				boolean changed = action.type() == dev.partnerhub.automation.RuleActionType.START_SEQUENCE
						? this.sequences.start(sequence, partnerId) : this.sequences.stop(sequence, partnerId);
				return changed ? null : action.type() == dev.partnerhub.automation.RuleActionType.START_SEQUENCE
						? "running already" : "was not running";
			}
			default -> throw new IllegalStateException("unknown action");
		}
	}

	/**
	 * Runs the work as the actor {@code rule:<name>} (the audit log's actor), restoring
	 * the caller's identity.
	 */
	private static <T> T asRule(Rule rule, java.util.function.Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated("rule:" + rule.name(), null, List.of()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

}
