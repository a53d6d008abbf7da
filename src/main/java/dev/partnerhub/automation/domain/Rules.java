package dev.partnerhub.automation.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleAction;
import dev.partnerhub.automation.RuleActionType;
import dev.partnerhub.automation.RuleDraft;
import dev.partnerhub.automation.RuleRun;
import dev.partnerhub.automation.RuleTrigger;
import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterJson;
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
 * Rule definitions (table {@code automation_rule} + {@code automation_rule_action}) and
 * the run log. Drafts are checked by {@link RuleValidation}; conditions are compiled and
 * matched by {@link RuleConditions}.
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

	private static final String SELECT = """
			select r.id, r.name, r.enabled, r.trigger_type, r.trigger_param, r.filter::text as filter_json, r.repeat_mode,
			       r.created_at, (select max(at) from rule_run x where x.rule_id = r.id) as last_run
			from automation_rule r
			""";

	private final JdbcClient jdbc;

	private final RuleValidation validation;

	private final RuleConditions conditions;

	Rules(JdbcClient jdbc, RuleValidation validation, RuleConditions conditions) {
		this.jdbc = jdbc;
		this.validation = validation;
		this.conditions = conditions;
	}

	// ---- definitions

	public List<Rule> rules() {
		return withActions(this.jdbc.sql(SELECT + "order by lower(r.name), r.id").query(Rules::rule).list());
	}

	public List<Rule> enabledRules(RuleTrigger trigger) {
		return withActions(this.jdbc.sql(SELECT + "where r.enabled and r.trigger_type = :t order by r.id")
			.param("t", trigger.value())
			.query(Rules::rule)
			.list());
	}

	public Optional<Rule> find(long id) {
		return withActions(this.jdbc.sql(SELECT + "where r.id = :id").param("id", id).query(Rules::rule).list())
			.stream()
			.findFirst();
	}

	public Optional<Rule> findByName(String name) {
		return withActions(
				this.jdbc.sql(SELECT + "where lower(r.name) = lower(:n)").param("n", name).query(Rules::rule).list())
			.stream()
			.findFirst();
	}

	public Rule get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No rule " + id));
	}

	@Transactional
	public Rule create(RuleDraft draft) {
		RuleValidation.Valid valid = this.validation.validate(draft);
		long id;
		try {
			id = this.jdbc.sql("""
					insert into automation_rule (name, enabled, trigger_type, trigger_param, filter, repeat_mode)
					values (:name, :enabled, :trigger, :param, cast(:filter as jsonb), :repeat) returning id
					""").params(valid.params()).query(Long.class).single();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("name", "A rule named '" + valid.name() + "' exists already.");
		}
		insertActions(id, valid.actions());
		return get(id);
	}

	@Transactional
	public Rule update(long id, RuleDraft draft) {
		get(id);
		RuleValidation.Valid valid = this.validation.validate(draft);
		Map<String, Object> params = new HashMap<>(valid.params());
		params.put("id", id);
		try {
			this.jdbc.sql("""
					update automation_rule set name = :name, enabled = :enabled, trigger_type = :trigger,
					  trigger_param = :param, filter = cast(:filter as jsonb), repeat_mode = :repeat, updated_at = now()
					where id = :id
					""").params(params).update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("name", "A rule named '" + valid.name() + "' exists already.");
		}
		this.jdbc.sql("delete from automation_rule_action where rule_id = :id").param("id", id).update();
		insertActions(id, valid.actions());
		return get(id);
	}

	@Transactional
	public void setEnabled(long id, boolean enabled) {
		if (this.jdbc.sql("update automation_rule set enabled = :e, updated_at = now() where id = :id")
			.param("e", enabled)
			.param("id", id)
			.update() == 0) {
			throw new NotFoundException("No rule " + id);
		}
	}

	@Transactional
	public void delete(long id) {
		this.jdbc.sql("delete from automation_rule where id = :id").param("id", id).update();
	}

	private void insertActions(long ruleId, List<RuleAction> actions) {
		for (int i = 0; i < actions.size(); i++) {
			this.jdbc.sql("insert into automation_rule_action (rule_id, position, type, param) values (:r, :p, :t, :v)")
				.param("r", ruleId)
				.param("p", i)
				.param("t", actions.get(i).type().value())
				.param("v", actions.get(i).param())
				.update();
		}
	}

	private List<Rule> withActions(List<Rule> rules) {
		if (rules.isEmpty()) {
			return rules;
		}
		Map<Long, List<RuleAction>> actions = new HashMap<>();
		this.jdbc.sql("select rule_id, type, param from automation_rule_action order by rule_id, position")
			.query((rs, n) -> {
				RuleActionType type = RuleActionType.parse(rs.getString("type"));
				if (type != null) {
					actions.computeIfAbsent(rs.getLong("rule_id"), k -> new ArrayList<>())
						.add(new RuleAction(type, rs.getString("param")));
				}
				return 0;
			})
			.list();
		return rules.stream()
			.map(r -> new Rule(r.id(), r.name(), r.enabled(), r.trigger(), r.triggerParam(), r.filter(),
					r.everyCrossing(), actions.getOrDefault(r.id(), List.of()), r.createdAt(), r.lastRunAt()))
			.toList();
	}

	private static Rule rule(ResultSet rs, int n) throws SQLException {
		String json = rs.getString("filter_json");
		Timestamp lastRun = rs.getTimestamp("last_run");
		return new Rule(rs.getLong("id"), rs.getString("name"), rs.getBoolean("enabled"),
				RuleTrigger.parse(rs.getString("trigger_type")), rs.getString("trigger_param"),
				json == null ? null : FilterJson.parse(json, "filter"), "every".equals(rs.getString("repeat_mode")),
				List.of(), rs.getTimestamp("created_at").toInstant(), lastRun == null ? null : lastRun.toInstant());
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
