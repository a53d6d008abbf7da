package dev.partnerhub.rollups.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterNode;
import dev.partnerhub.filters.Match;
import dev.partnerhub.filters.Op;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.Contest;
import dev.partnerhub.rollups.Contests;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.Leaderboards;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.Excerpts;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contests: validated definitions in table {@code contest} (the {@link ContestDefinition}
 * aggregate; read joined with their program's and rollup's names); standings are the
 * leaderboard of the contest's rollup over its program. A contest can create ("own") its
 * rollup through {@link RollupDefinitions} — so it recomputes in the background like any
 * rollup — and then edits and deletes it with the contest.
 */
@Service
public class ContestService implements Contests {

	public static final int MAX_NAME = 120;

	public static final int MAX_PRODUCTS = 20;

	private static final String SELECT = """
			select k.id, k.name, k.program_id, g.name as program_name, k.skus, k.starts_on, k.ends_on,
			       k.rollup_field_id, f.name as rollup_name, k.owns_rollup, k.version
			from contest k
			join program_catalog g on g.id = k.program_id
			left join rollup_field f on f.id = k.rollup_field_id
			""";

	private final JdbcClient jdbc;

	private final RollupDefinitions definitions;

	private final Leaderboards leaderboards;

	private final ProgramApi programs;

	private final Clock clock;

	private final ContestRepository repository;

	ContestService(JdbcClient jdbc, RollupDefinitions definitions, Leaderboards leaderboards, ProgramApi programs,
			Clock clock, ContestRepository repository) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.definitions = definitions;
		this.leaderboards = leaderboards;
		this.programs = programs;
		this.clock = clock;
	}

	@Override
	public LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	public List<Contest> all() {
		return this.jdbc.sql(SELECT + "order by k.starts_on desc, k.id desc").query(ContestService::contest).list();
	}

	@Override
	public List<Contest> ofProgram(long programId) {
		return this.jdbc.sql(SELECT + "where k.program_id = :program order by k.starts_on desc, k.id desc")
			.param("program", programId)
			.query(ContestService::contest)
			.list();
	}

	@Override
	public Optional<Contest> find(long id) {
		return this.jdbc.sql(SELECT + "where k.id = :id").param("id", id).query(ContestService::contest).optional();
	}

	public Contest get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No contest " + id));
	}

	@Override
	public List<LeaderboardEntry> standings(long contestId, long offset, int limit) {
		Contest contest = get(contestId);
		if (contest.rollupFieldId() == null) {
			return List.of();
		}
		return this.leaderboards.page(contest.rollupFieldId(), contest.programId(), offset, limit);
	}

	@Override
	public long standingsSize(long contestId) {
		Contest contest = get(contestId);
		return contest.rollupFieldId() == null ? 0
				: this.leaderboards.size(contest.rollupFieldId(), contest.programId());
	}

	@Override
	public Optional<LeaderboardEntry> rankOf(long contestId, long partnerId) {
		Contest contest = get(contestId);
		return contest.rollupFieldId() == null ? Optional.empty()
				: this.leaderboards.rankOf(contest.rollupFieldId(), contest.programId(), partnerId);
	}

	@Transactional
	public Contest create(ContestDraft draft) {
		Valid valid = validate(draft, null);
		Long rollupId = valid.draft().createRollup() ? createRollup(valid, null) : valid.draft().rollupFieldId();
		return get(save(new ContestDefinition(valid.draft(), rollupId, this.clock.instant()), valid).getId());
	}

	/** Changes a contest, whatever its version (the API's PUT). */
	@Transactional
	public Contest update(long id, ContestDraft draft) {
		return update(id, draft, null);
	}

	/**
	 * Changes a contest (and the rollup it owns), refused with
	 * {@link org.springframework.dao.OptimisticLockingFailureException} when
	 * {@code version} (the one the editor loaded; null = any) is no longer the contest's.
	 */
	@Transactional
	public Contest update(long id, ContestDraft draft, Long version) {
		Contest old = get(id);
		ContestDefinition stored = this.repository.findById(id)
			.orElseThrow(() -> new NotFoundException("No contest " + id));
		stored.expectVersion(version);
		Valid valid = validate(draft, id);
		Long rollupId;
		if (valid.draft().createRollup()) {
			if (old.ownsRollup() && old.rollupFieldId() != null) {
				rollupId = old.rollupFieldId();
				this.definitions.update(rollupId, rollupDraft(valid, this.definitions.get(rollupId).name()));
			}
			else {
				rollupId = createRollup(valid, id);
			}
		}
		else {
			rollupId = valid.draft().rollupFieldId();
		}
		stored.define(valid.draft(), rollupId, this.clock.instant());
		save(stored, valid);
		if (old.ownsRollup() && old.rollupFieldId() != null && !old.rollupFieldId().equals(rollupId)) {
			this.definitions.delete(old.rollupFieldId());
		}
		return get(id);
	}

	/** Deletes the contest and the rollup it created (a picked existing rollup stays). */
	@Transactional
	public void delete(long id) {
		Contest contest = get(id);
		this.repository.deleteById(id);
		if (contest.ownsRollup() && contest.rollupFieldId() != null) {
			this.definitions.delete(contest.rollupFieldId());
		}
	}

	private ContestDefinition save(ContestDefinition contest, Valid valid) {
		try {
			return this.repository.save(contest);
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(valid.draft().name());
		}
	}

	private record Valid(ContestDraft draft, String programName) {
	}

	private Valid validate(ContestDraft draft, Long id) {
		String name = draft.name() == null ? "" : draft.name().strip();
		if (name.isEmpty()) {
			throw new InvalidInputException("name", "name: a name is required");
		}
		if (name.length() > MAX_NAME) {
			throw new InvalidInputException("name", "name: at most " + MAX_NAME + " characters");
		}
		if (name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("name", "name: control characters are not allowed");
		}
		boolean taken = this.jdbc
			.sql("select exists (select 1 from contest where lower(name) = lower(:name) " + "and id <> :id)")
			.param("name", name)
			.param("id", id == null ? -1L : id)
			.query(Boolean.class)
			.single();
		if (taken) {
			throw duplicate(name);
		}
		if (draft.programId() == null) {
			throw new InvalidInputException("program", "program: a program is required");
		}
		String programName = this.programs.findProgram(draft.programId())
			.orElseThrow(() -> new InvalidInputException("program", "program: no program " + draft.programId()))
			.name();
		List<String> raw = draft.skus() == null ? List.of() : draft.skus();
		Set<String> skus = new LinkedHashSet<>();
		for (String sku : raw) {
			if (sku == null || sku.isBlank()) {
				continue;
			}
			String text = sku.strip();
			ProductSummary product = text.length() > 100 ? null : this.programs.findProductBySku(text).orElse(null);
			if (product == null) {
				throw new InvalidInputException("products",
						"products: unknown product '" + Excerpts.of(text, 40) + "'");
			}
			skus.add(product.sku());
		}
		if (skus.isEmpty()) {
			throw new InvalidInputException("products", "products: pick at least one product");
		}
		if (skus.size() > MAX_PRODUCTS) {
			throw new InvalidInputException("products", "products: at most " + MAX_PRODUCTS + " products");
		}
		if (draft.startsOn() == null) {
			throw new InvalidInputException("startsOn", "startsOn: a start date is required");
		}
		if (draft.endsOn() != null && draft.endsOn().isBefore(draft.startsOn())) {
			throw new InvalidInputException("endsOn", "endsOn: the end date must not be before the start date");
		}
		String measure = null;
		if (draft.createRollup()) {
			measure = draft.measure() == null || draft.measure().isBlank() ? "amount"
					: draft.measure().strip().toLowerCase(Locale.ROOT);
			if (!measure.equals("amount") && !measure.equals("count")) {
				throw new InvalidInputException("measure", "measure: 'amount' (sum of commission amounts) or 'count' "
						+ "(number of sales), not '" + Excerpts.of(draft.measure(), 40) + "'");
			}
		}
		else {
			if (draft.rollupFieldId() == null) {
				throw new InvalidInputException("rollup", "rollup: pick a rollup field or let the contest create one");
			}
			if (this.definitions.find(draft.rollupFieldId()).isEmpty()) {
				throw new InvalidInputException("rollup", "rollup: no rollup field " + draft.rollupFieldId());
			}
		}
		return new Valid(
				new ContestDraft(name, draft.programId(), List.copyOf(skus), draft.startsOn(), draft.endsOn(),
						draft.createRollup(), measure, draft.createRollup() ? null : draft.rollupFieldId()),
				programName);
	}

	private long createRollup(Valid valid, Long contestId) {
		String base = "Contest: " + valid.draft().name();
		base = base.length() > RollupDefinitions.MAX_NAME - 6 ? base.substring(0, RollupDefinitions.MAX_NAME - 6)
				: base;
		String name = base;
		for (int n = 2; this.definitions.findByName(name).isPresent(); n++) {
			name = base + " (" + n + ")";
		}
		return this.definitions.create(rollupDraft(valid, name)).id();
	}

	/**
	 * The contest's rollup: commissions earned on any of its products, processed on or
	 * after the start (and on or before the end) day, neither declined nor refunded (a
	 * clawback after a refund of a paid sale counts, negative). {@code count} counts
	 * first-tier sales only (positive amounts: clawbacks are not sales).
	 */
	static RollupDraft rollupDraft(ContestDraft draft, String name) {
		List<FilterNode> conditions = new ArrayList<>();
		List<FilterNode> products = draft.skus()
			.stream()
			.map(sku -> (FilterNode) new Condition("product", Op.EQ, sku))
			.toList();
		conditions.add(products.size() == 1 ? products.get(0) : new Filter(Match.ANY, products));
		conditions.add(new Condition("dateProcessed", Op.ON_OR_AFTER, draft.startsOn().toString()));
		if (draft.endsOn() != null) {
			conditions.add(new Condition("dateProcessed", Op.ON_OR_BEFORE, draft.endsOn().toString()));
		}
		conditions.add(new Condition("status", Op.NE, "declined"));
		conditions.add(new Condition("status", Op.NE, "refunded"));
		boolean count = "count".equals(draft.measure());
		if (count) {
			conditions.add(new Condition("tier", Op.EQ, "1"));
			conditions.add(new Condition("amount", Op.GT, "0"));
		}
		return new RollupDraft(name, count ? RollupFunction.COUNT : RollupFunction.SUM, Relationship.COMMISSIONS_EARNED,
				count ? null : "amount", new Filter(Match.ALL, conditions));
	}

	private static RollupDraft rollupDraft(Valid valid, String name) {
		return rollupDraft(valid.draft(), name);
	}

	/** The rollup fields a contest may rank by (for the console's select). */
	public List<RollupField> rollupFields() {
		return this.definitions.all();
	}

	private static ConflictException duplicate(String name) {
		return new ConflictException("name", "name: a contest named '" + name + "' already exists");
	}

	private static Contest contest(ResultSet rs, int n) throws SQLException {
		Array array = rs.getArray("skus");
		List<String> skus = List.of((String[]) array.getArray());
		Long rollup = rs.getObject("rollup_field_id", Long.class);
		return new Contest(rs.getLong("id"), rs.getString("name"), rs.getLong("program_id"),
				rs.getString("program_name"), skus, rs.getObject("starts_on", LocalDate.class),
				rs.getObject("ends_on", LocalDate.class), rollup, rs.getString("rollup_name"),
				rs.getBoolean("owns_rollup"), rs.getLong("version"));
	}

}
