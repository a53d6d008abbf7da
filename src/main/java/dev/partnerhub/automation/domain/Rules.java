package dev.partnerhub.automation.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleDraft;
import dev.partnerhub.automation.RuleRun;
import dev.partnerhub.automation.RuleTrigger;
import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule definitions (the {@link AutomationRule} aggregate: {@code automation_rule} with
 * its {@code automation_rule_action} rows) and the run log. Drafts are checked by
 * {@link RuleValidation}; conditions are compiled and matched by {@link RuleConditions}.
 */
@Service
public class Rules implements dev.partnerhub.automation.RuleApi {

	public static final int MAX_NAME = 120;

	public static final int MAX_ACTIONS = 20;

	/**
	 * "next level" in a change-program action: the partner's program's next-level
	 * setting.
	 */
	public static final String NEXT_LEVEL = "next level";

	private final JdbcClient jdbc;

	private final AutomationRuleRepository repository;

	private final RuleValidation validation;

	private final RuleConditions conditions;

	private final Clock clock;

	Rules(JdbcClient jdbc, AutomationRuleRepository repository, RuleValidation validation, RuleConditions conditions,
			Clock clock) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.validation = validation;
		this.conditions = conditions;
		this.clock = clock;
	}

	// ---- definitions (the AutomationRule aggregate)

	public List<Rule> rules() {
		return withLastRun(this.repository.findAllByName());
	}

	public List<Rule> enabledRules(RuleTrigger trigger) {
		return withLastRun(this.repository.findByEnabledTrueAndTriggerTypeOrderById(trigger.value()));
	}

	public Optional<Rule> find(long id) {
		return withLastRun(this.repository.findById(id).stream().toList()).stream().findFirst();
	}

	public Optional<Rule> findByName(String name) {
		return withLastRun(this.repository.findByNameIgnoreCase(name).stream().toList()).stream().findFirst();
	}

	public Rule get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No rule " + id));
	}

	@Transactional
	public Rule create(RuleDraft draft) {
		RuleValidation.Valid valid = this.validation.validate(draft);
		return get(save(new AutomationRule(valid, this.clock.instant()), valid).getId());
	}

	/** Replaces a rule's definition, whatever its version (the API's PUT). */
	@Transactional
	public Rule update(long id, RuleDraft draft) {
		return update(id, draft, null);
	}

	/**
	 * Replaces a rule's definition, refused with
	 * {@link org.springframework.dao.OptimisticLockingFailureException} when
	 * {@code version} (the one the editor loaded; null = any) is no longer the rule's.
	 */
	@Transactional
	public Rule update(long id, RuleDraft draft, Long version) {
		AutomationRule rule = load(id);
		RuleValidation.Valid valid = this.validation.validate(draft);
		rule.expectVersion(version);
		rule.apply(valid, this.clock.instant());
		save(rule, valid);
		return get(id);
	}

	@Transactional
	public void setEnabled(long id, boolean enabled) {
		AutomationRule rule = load(id);
		rule.enable(enabled, this.clock.instant());
		this.repository.save(rule);
	}

	@Transactional
	public void delete(long id) {
		this.repository.deleteById(id);
	}

	private AutomationRule load(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException("No rule " + id));
	}

	private AutomationRule save(AutomationRule rule, RuleValidation.Valid valid) {
		try {
			return this.repository.save(rule);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("name", "A rule named '" + valid.name() + "' exists already.");
		}
	}

	private List<Rule> withLastRun(List<AutomationRule> rules) {
		if (rules.isEmpty()) {
			return List.of();
		}
		Map<Long, Instant> lastRun = new HashMap<>();
		this.jdbc.sql("select rule_id, max(at) as last_run from rule_run where rule_id = any(:ids) group by rule_id")
			.param("ids", rules.stream().map(AutomationRule::getId).toArray(Long[]::new))
			.query((rs, n) -> lastRun.put(rs.getLong("rule_id"), rs.getTimestamp("last_run").toInstant()))
			.list();
		return rules.stream().map(r -> r.toRule(lastRun.get(r.getId()))).toList();
	}

	static boolean isNextLevel(String param) {
		String p = param.strip().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
		return p.equals(NEXT_LEVEL) || p.equals("next");
	}

	// ---- condition (RuleConditions)

	/**
	 * The catalog for one filter: the partner fields plus each {@code rollup:<name>} the
	 * filter names.
	 */
	FieldCatalog catalog(Filter filter) {
		return this.conditions.catalog(filter);
	}

	/** Field names for the condition builder. */
	public List<String> fieldNames() {
		return this.conditions.fieldNames();
	}

	boolean matches(Filter filter, long partnerId, LocalDate today) {
		return this.conditions.matches(filter, partnerId, today);
	}

	// ---- run log

	public Page<RuleRun> runs(long ruleId, Pageable pageable) {
		long total = this.jdbc.sql("select count(*) from rule_run where rule_id = :r")
			.param("r", ruleId)
			.query(Long.class)
			.single();
		List<RuleRun> rows = this.jdbc.sql("""
				select x.*, p.code from rule_run x left join partner_directory p on p.id = x.partner_id
				where x.rule_id = :r order by x.at desc, x.id desc limit :limit offset :offset
				""")
			.param("r", ruleId)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(Rules::run)
			.list();
		return new PageImpl<>(rows, pageable, total);
	}

	private static RuleRun run(ResultSet rs, int n) throws SQLException {
		long partner = rs.getLong("partner_id");
		return new RuleRun(rs.getLong("id"), rs.getLong("rule_id"), rs.wasNull() ? null : partner, rs.getString("code"),
				rs.getString("trigger_type"), rs.getTimestamp("at").toInstant(), rs.getString("outcome"),
				rs.getString("actions_done"), rs.getString("error"));
	}

	void logRun(long ruleId, Long partnerId, RuleTrigger trigger, Instant at, String outcome, String done,
			String error) {
		this.jdbc.sql("""
				insert into rule_run (rule_id, partner_id, trigger_type, at, outcome, actions_done, error)
				values (:r, :p, :t, :at, :o, :d, :e)
				""")
			.param("r", ruleId)
			.param("p", partnerId)
			.param("t", trigger.value())
			.param("at", Timestamp.from(at))
			.param("o", outcome)
			.param("d", done)
			.param("e", error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error)
			.update();
	}

	/**
	 * Tags in use (on contacts or in rule actions), sorted; the rule form offers them (at
	 * most 500: the form also takes a new tag typed in).
	 */
	public List<String> knownTags() {
		return this.jdbc.sql("""
				select tag from (select distinct tag from contact_tag
				union select distinct param from automation_rule_action where type in ('add_tag', 'remove_tag')) t
				where tag is not null order by lower(tag), tag limit 500""").query(String.class).list();
	}

	/** Tags of a contact (set by rule actions), sorted. */
	public List<String> tagsOf(long contactId) {
		return this.jdbc.sql("select tag from contact_tag where contact_id = :c order by lower(tag)")
			.param("c", contactId)
			.query(String.class)
			.list();
	}

	static LocalDate today(Instant now) {
		return LocalDate.ofInstant(now, ZoneOffset.UTC);
	}

}
