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
import dev.partnerhub.automation.SequenceApi;
import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.FieldCatalog;
import dev.partnerhub.rollups.FieldType;
import dev.partnerhub.rollups.Filter;
import dev.partnerhub.rollups.FilterCompiler;
import dev.partnerhub.rollups.FilterJson;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.SqlFragment;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule definitions (table {@code automation_rule} + {@code automation_rule_action}), their validation, the condition
 * catalog (partner fields and {@code rollup:<name>}) and the run log.
 */
@Service
public class Rules implements dev.partnerhub.automation.RuleApi {

	public static final int MAX_NAME = 120;

	public static final int MAX_ACTIONS = 20;

	public static final String ROLLUP_PREFIX = "rollup:";

	/** "next level" in a change-program action: the partner's program's next-level setting. */
	public static final String NEXT_LEVEL = "next level";

	/** Partner, contact and program fields a condition may name (aliases rp, rc, rg of {@link #FROM}). */
	static final List<FieldCatalog.Field> PARTNER_FIELDS = List.of(
			FieldCatalog.Field.of("program", FieldType.TEXT, "rg.name"),
			FieldCatalog.Field.status("partnerStatus", "rp.status", List.of("pending", "approved", "suspended")),
			FieldCatalog.Field.of("email", FieldType.TEXT, "rc.email"),
			FieldCatalog.Field.of("firstName", FieldType.TEXT, "rc.first_name"),
			FieldCatalog.Field.of("lastName", FieldType.TEXT, "rc.last_name"),
			FieldCatalog.Field.of("dateAdded", FieldType.DATE, "rc.date_added"));

	static final String FROM = """
			from partner_directory rp
			join contact_directory rc on rc.id = rp.contact_id
			left join program_catalog rg on rg.id = rp.program_id
			""";

	private static final String SELECT = """
			select r.id, r.name, r.enabled, r.trigger_type, r.trigger_param, r.filter::text as filter_json, r.repeat_mode,
			       r.created_at, (select max(at) from rule_run x where x.rule_id = r.id) as last_run
			from automation_rule r
			""";

	private final JdbcClient jdbc;

	private final RollupApi rollups;

	private final GroupApi groups;

	private final ProgramApi programs;

	private final MailApi mail;

	private final SequenceApi sequences;

	Rules(JdbcClient jdbc, RollupApi rollups, GroupApi groups, ProgramApi programs, MailApi mail,
			SequenceApi sequences) {
		this.jdbc = jdbc;
		this.rollups = rollups;
		this.groups = groups;
		this.programs = programs;
		this.mail = mail;
		this.sequences = sequences;
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
		return withActions(this.jdbc.sql(SELECT + "where lower(r.name) = lower(:n)").param("n", name)
			.query(Rules::rule).list()).stream().findFirst();
	}

	public Rule get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No rule " + id));
	}

	@Transactional
	public Rule create(RuleDraft draft) {
		Valid valid = validate(draft);
		long id;
		try {
			id = this.jdbc.sql("""
					insert into automation_rule (name, enabled, trigger_type, trigger_param, filter, repeat_mode)
					values (:name, :enabled, :trigger, :param, cast(:filter as jsonb), :repeat) returning id
					""")
				.params(valid.params())
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("name", "A rule named '" + valid.name + "' exists already.");
		}
		insertActions(id, valid.actions);
		return get(id);
	}

	@Transactional
	public Rule update(long id, RuleDraft draft) {
		get(id);
		Valid valid = validate(draft);
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
			throw new ConflictException("name", "A rule named '" + valid.name + "' exists already.");
		}
		this.jdbc.sql("delete from automation_rule_action where rule_id = :id").param("id", id).update();
		insertActions(id, valid.actions);
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

	// ---- validation

	private record Valid(String name, boolean enabled, RuleTrigger trigger, String param, Filter filter,
			boolean every, List<RuleAction> actions) {

		Map<String, Object> params() {
			Map<String, Object> params = new HashMap<>();
			params.put("name", this.name);
			params.put("enabled", this.enabled);
			params.put("trigger", this.trigger.value());
			params.put("param", this.param);
			params.put("filter", this.filter == null ? null : FilterJson.toJson(this.filter));
			params.put("repeat", this.every ? "every" : "once");
			return params;
		}

	}

	private Valid validate(RuleDraft draft) {
		if (draft == null) {
			throw new InvalidInputException("name", "A rule needs a name, a trigger and actions.");
		}
		String name = draft.name() == null ? "" : draft.name().strip();
		if (name.isEmpty()) {
			throw new InvalidInputException("name", "name: a name is required");
		}
		if (name.length() > MAX_NAME) {
			throw new InvalidInputException("name", "name: at most " + MAX_NAME + " characters");
		}
		RuleTrigger trigger = RuleTrigger.parse(draft.trigger());
		if (trigger == null) {
			throw new InvalidInputException("trigger", "trigger: " + (draft.trigger() == null ? "a trigger is required"
					: "unknown trigger '" + shorten(draft.trigger()) + "'") + " (known: " + String.join(", ",
							java.util.Arrays.stream(RuleTrigger.values()).map(RuleTrigger::value).toList()) + ")");
		}
		String param = validTriggerParam(trigger, draft.triggerParam());
		Filter filter = draft.filter();
		if (filter != null && filter.conditions().isEmpty()) {
			filter = null;
		}
		if (filter != null) {
			FilterCompiler.validate(filter, catalog(filter), "filter");
		}
		List<RuleDraft.ActionDraft> drafts = draft.actions() == null ? List.of() : draft.actions();
		if (drafts.isEmpty()) {
			throw new InvalidInputException("actions", "actions: add at least one action");
		}
		if (drafts.size() > MAX_ACTIONS) {
			throw new InvalidInputException("actions", "actions: at most " + MAX_ACTIONS + " actions");
		}
		List<RuleAction> actions = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			actions.add(validAction(drafts.get(i), "actions[" + i + "]"));
		}
		return new Valid(name, draft.enabled() == null || draft.enabled(), trigger, param, filter,
				Boolean.TRUE.equals(draft.everyCrossing()), actions);
	}

	private String validTriggerParam(RuleTrigger trigger, String raw) {
		String param = raw == null || raw.isBlank() ? null : raw.strip();
		switch (trigger) {
			case ROLLUP_CHANGED -> {
				if (param != null) {
					RollupField field = this.rollups.findByName(param)
						.orElseThrow(() -> new InvalidInputException("triggerParam", "triggerParam: unknown rollup field '"
								+ shorten(param) + "' (leave it empty for any rollup field)"));
					return field.name();
				}
				return null;
			}
			case GROUP_ADDED -> {
				if (param == null) {
					throw new InvalidInputException("triggerParam", "triggerParam: choose the group (its id)");
				}
				long id;
				try {
					id = Long.parseLong(param);
				}
				catch (NumberFormatException ex) {
					id = this.groups.groups()
						.stream()
						.filter(g -> g.name().equalsIgnoreCase(param))
						.map(g -> g.id())
						.findFirst()
						.orElse(-1L);
				}
				long groupId = id;
				if (this.groups.find(groupId).isEmpty()) {
					throw new InvalidInputException("triggerParam", "triggerParam: unknown group '" + shorten(param) + "'");
				}
				return Long.toString(groupId);
			}
			case DAILY -> {
				if (param == null) {
					return "0";
				}
				try {
					int hour = Integer.parseInt(param);
					if (hour >= 0 && hour <= 23) {
						return Integer.toString(hour);
					}
				}
				catch (NumberFormatException ex) {
					// below
				}
				throw new InvalidInputException("triggerParam", "triggerParam: the hour of the daily run is 0 to 23 (UTC), not '"
						+ shorten(param) + "'");
			}
			default -> {
				return null;
			}
		}
	}

	private RuleAction validAction(RuleDraft.ActionDraft draft, String path) {
		if (draft == null) {
			throw new InvalidInputException(path, path + ": an action is required");
		}
		RuleActionType type = RuleActionType.parse(draft.type());
		if (type == null) {
			throw new InvalidInputException(path + ".type", path + ".type: " + (draft.type() == null
					? "a type is required" : "unknown action '" + shorten(draft.type()) + "'") + " (known: "
					+ String.join(", ", java.util.Arrays.stream(RuleActionType.values()).map(RuleActionType::value).toList())
					+ ")");
		}
		String param = draft.param() == null ? "" : draft.param().strip();
		if (param.isEmpty()) {
			throw new InvalidInputException(path + ".param", path + ".param: " + type.label() + " needs "
					+ type.hint());
		}
		if (param.length() > 200) {
			throw new InvalidInputException(path + ".param", path + ".param: at most 200 characters");
		}
		switch (type) {
			case CHANGE_PROGRAM -> {
				if (isNextLevel(param)) {
					return new RuleAction(type, NEXT_LEVEL);
				}
				String name = this.programs.findProgramByName(param)
					.orElseThrow(() -> new InvalidInputException(path + ".param", path + ".param: unknown program '"
							+ shorten(param) + "' (or use \"next level\")"))
					.name();
				return new RuleAction(type, name);
			}
			case SET_STATUS -> {
				try {
					return new RuleAction(type, PartnerStatus.of(param).value());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputException(path + ".param", path + ".param: " + ex.getMessage());
				}
			}
			case SEND_EMAIL -> {
				String key = this.mail.templateKeys()
					.stream()
					.filter(k -> k.equalsIgnoreCase(param))
					.findFirst()
					.orElseThrow(() -> new InvalidInputException(path + ".param", path + ".param: unknown e-mail template '"
							+ shorten(param) + "'"));
				return new RuleAction(type, key);
			}
			case ADD_TAG, REMOVE_TAG -> {
				if (param.length() > 60) {
					throw new InvalidInputException(path + ".param", path + ".param: a tag has at most 60 characters");
				}
				return new RuleAction(type, param);
			}
			default -> {
				if (this.sequences.findSequence(param).isEmpty()) {
					throw new InvalidInputException(path + ".param", path + ".param: unknown sequence '" + shorten(param)
							+ "'");
				}
				return new RuleAction(type, param);
			}
		}
	}

	static boolean isNextLevel(String param) {
		String p = param.strip().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
		return p.equals(NEXT_LEVEL) || p.equals("next");
	}

	// ---- condition

	/** The catalog for one filter: the partner fields plus each {@code rollup:<name>} the filter names. */
	FieldCatalog catalog(Filter filter) {
		return this.rollups.catalogFor(filter, PARTNER_FIELDS, "rc.id");
	}

	/** Field names for the condition builder. */
	public List<String> fieldNames() {
		List<String> names = new ArrayList<>(PARTNER_FIELDS.stream().map(FieldCatalog.Field::name).toList());
		this.rollups.fields().forEach(field -> names.add(ROLLUP_PREFIX + field.name()));
		return names;
	}

	/** Whether the partner matches the filter now (materialised rollups: the caller drains pending changes first). */
	boolean matches(Filter filter, long partnerId, LocalDate today) {
		SqlFragment where = filter == null ? new SqlFragment("true", Map.of())
				: FilterCompiler.compile(filter, catalog(filter), today, "rule", "filter");
		Map<String, Object> params = new HashMap<>(where.params());
		params.put("partner", partnerId);
		return this.jdbc.sql("select exists (select 1 " + FROM + "where rp.id = :partner and " + where.sql() + ")")
			.params(params)
			.query(Boolean.class)
			.single();
	}

	// ---- run log

	public Page<RuleRun> runs(long ruleId, Pageable pageable) {
		long total = this.jdbc.sql("select count(*) from rule_run where rule_id = :r").param("r", ruleId)
			.query(Long.class).single();
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
		return new RuleRun(rs.getLong("id"), rs.getLong("rule_id"), rs.wasNull() ? null : partner,
				rs.getString("code"), rs.getString("trigger_type"), rs.getTimestamp("at").toInstant(),
				rs.getString("outcome"), rs.getString("actions_done"), rs.getString("error"));
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

	private static String shorten(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

}
