package dev.partnerhub.rollups.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.jobs.Job;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.Excerpts;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rollup field definitions: validated, stored with the filter as JSONB; every create or
 * edit queues a background recompute of all partners' values ({@link RollupRecomputes});
 * delete removes the values (cascade).
 */
@Service
public class RollupDefinitions {

	public static final int MAX_NAME = 120;

	/** How far the background recompute of a definition got (shown in the console). */
	public record Recompute(String status, long total, long done, @Nullable Instant startedAt,
			@Nullable Instant finishedAt) {

		public int percent() {
			if ("done".equals(this.status)) {
				return 100;
			}
			return this.total == 0 ? 0 : (int) Math.min(100, this.done * 100 / this.total);
		}

		public boolean active() {
			return "queued".equals(this.status) || "running".equals(this.status);
		}

	}

	/** A definition with its recompute progress. */
	public record Listed(RollupField field, Recompute recompute, long version) {
	}

	private final JdbcClient jdbc;

	private final RollupRecomputes recomputes;

	private final JobApi jobs;

	RollupDefinitions(JdbcClient jdbc, RollupRecomputes recomputes, JobApi jobs) {
		this.jdbc = jdbc;
		this.recomputes = recomputes;
		this.jobs = jobs;
	}

	/**
	 * Checks a draft; InvalidInputException naming the field ({@code name},
	 * {@code field}, {@code filter...}).
	 */
	public static RollupDraft validated(RollupDraft draft) {
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
		if (draft.function() == null) {
			throw new InvalidInputException("function", "function: required (sum, count, avg, min or max)");
		}
		Relationship relationship = draft.relationship();
		if (relationship == null) {
			throw new InvalidInputException("relationship", "relationship: required (commissions_earned, "
					+ "referred_contacts_first, referred_contacts_last or active_referred_open_orders)");
		}
		String field = draft.field() == null || draft.field().isBlank() ? null : draft.field().strip();
		RollupFunction function = draft.function();
		if (!function.needsField() && field != null) {
			throw new InvalidInputException("field",
					"field: count takes no field (it counts the related records); " + "leave field out");
		}
		if (function.needsField()) {
			if (relationship.valueFields().isEmpty()) {
				throw new InvalidInputException("field", "field: " + relationship.value() + " has no numeric field to "
						+ function.value() + "; use count");
			}
			if (field == null) {
				throw new InvalidInputException("field", "field: " + function.value() + " needs a field to roll up ("
						+ String.join(", ", relationship.valueFields()) + ")");
			}
			if (!relationship.valueFields().contains(field)) {
				boolean known = relationship.catalog().find(field).isPresent();
				throw new InvalidInputException("field", "field: cannot " + function.value() + " "
						+ (known ? field + " (not a numeric field)" : "unknown field '" + Excerpts.of(field, 40) + "'")
						+ "; " + relationship.value() + " rolls up " + String.join(", ", relationship.valueFields()));
			}
		}
		Filter filter = draft.filter();
		if (filter != null) {
			FilterCompiler.validate(filter, relationship.catalog(), "filter");
		}
		return new RollupDraft(name, function, relationship, field, filter);
	}

	@Transactional
	public RollupField create(RollupDraft draft) {
		RollupDraft valid = validated(draft);
		checkNameFree(valid.name(), null);
		long id;
		try {
			id = this.jdbc.sql("""
					insert into rollup_field (name, function, relationship, field, filter, relative, recompute_job_id)
					values (:name, :function, :relationship, :field, cast(:filter as jsonb), :relative, :job)
					returning id
					""")
				.param("job", this.recomputes.submit())
				.param("name", valid.name())
				.param("function", valid.function().value())
				.param("relationship", valid.relationship().value())
				.param("field", valid.field(), java.sql.Types.VARCHAR)
				.param("filter", FilterJson.toJson(valid.filter() == null ? Filter.none() : valid.filter()))
				.param("relative", FilterCompiler.isRelative(valid.filter()))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(valid.name());
		}
		return get(id);
	}

	@Transactional
	public RollupField update(long id, RollupDraft draft) {
		get(id);
		RollupDraft valid = validated(draft);
		checkNameFree(valid.name(), id);
		try {
			this.jdbc.sql("""
					update rollup_field set name = :name, function = :function, relationship = :relationship,
					       field = :field, filter = cast(:filter as jsonb), relative = :relative, updated_at = now(),
					       version = version + 1, recompute_job_id = :job
					where id = :id
					""")
				.param("job", this.recomputes.submit())
				.param("id", id)
				.param("name", valid.name())
				.param("function", valid.function().value())
				.param("relationship", valid.relationship().value())
				.param("field", valid.field(), java.sql.Types.VARCHAR)
				.param("filter", FilterJson.toJson(valid.filter() == null ? Filter.none() : valid.filter()))
				.param("relative", FilterCompiler.isRelative(valid.filter()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(valid.name());
		}
		return get(id);
	}

	/** Removes the definition and its values; NotFoundException when there is none. */
	@Transactional
	public void delete(long id) {
		if (this.jdbc.sql("delete from rollup_field where id = :id").param("id", id).update() == 0) {
			throw new NotFoundException("No rollup field " + id);
		}
	}

	public RollupField get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No rollup field " + id));
	}

	public Optional<RollupField> find(long id) {
		return this.jdbc.sql(SELECT + "where id = :id").param("id", id).query(RollupDefinitions::field).optional();
	}

	public Optional<RollupField> findByName(String name) {
		if (name == null) {
			return Optional.empty();
		}
		return this.jdbc.sql(SELECT + "where lower(name) = lower(:name)")
			.param("name", name.strip())
			.query(RollupDefinitions::field)
			.optional();
	}

	public List<RollupField> all() {
		return this.jdbc.sql(SELECT + "order by lower(name), id").query(RollupDefinitions::field).list();
	}

	/** Definitions with their recompute progress, by name. */
	public List<Listed> listed() {
		return listed(this.jdbc.sql(SELECT + "order by lower(name), id").query(Unlisted::of).list());
	}

	public Optional<Listed> findListed(long id) {
		return listed(this.jdbc.sql(SELECT + "where id = :id").param("id", id).query(Unlisted::of).list()).stream()
			.findFirst();
	}

	/** A definition before its recompute job's progress is joined in. */
	private record Unlisted(RollupField field, long version, long jobId) {

		static Unlisted of(ResultSet rs, int n) throws SQLException {
			return new Unlisted(RollupDefinitions.field(rs, n), rs.getLong("version"), rs.getLong("recompute_job_id"));
		}

	}

	/** The recompute's status and progress come from the jobs facility. */
	private List<Listed> listed(List<Unlisted> rows) {
		Map<Long, Job> jobs = this.jobs.findAll(rows.stream().map(Unlisted::jobId).toList());
		return rows.stream().map(row -> {
			Job job = jobs.get(row.jobId());
			Recompute recompute = job == null ? new Recompute("done", 0, 0, null, null)
					: new Recompute(job.status().value(), job.total(), job.done(), job.startedAt(), job.finishedAt());
			return new Listed(row.field(), recompute, row.version());
		}).toList();
	}

	private void checkNameFree(String name, Long except) {
		boolean taken = this.jdbc
			.sql("select exists (select 1 from rollup_field where lower(name) = lower(:name) " + "and id <> :except)")
			.param("name", name)
			.param("except", except == null ? -1L : except)
			.query(Boolean.class)
			.single();
		if (taken) {
			throw duplicate(name);
		}
	}

	private static ConflictException duplicate(String name) {
		return new ConflictException("name", "name: a rollup field named '" + name + "' already exists");
	}

	static final String SELECT = """
			select id, name, function, relationship, field, filter::text as filter_json, relative, version,
			       recompute_job_id
			from rollup_field
			""";

	static RollupField field(ResultSet rs, int n) throws SQLException {
		Filter filter = FilterJson.parse(rs.getString("filter_json"), "filter");
		return new RollupField(rs.getLong("id"), rs.getString("name"), RollupFunction.of(rs.getString("function")),
				Relationship.of(rs.getString("relationship")), rs.getString("field"),
				filter.conditions().isEmpty() ? null : filter, rs.getBoolean("relative"));
	}

}
