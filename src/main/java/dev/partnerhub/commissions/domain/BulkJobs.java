package dev.partnerhub.commissions.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.partnerhub.commissions.domain.CommissionLifecycle.ChunkResult;
import dev.partnerhub.commissions.domain.CommissionLifecycle.Kind;
import dev.partnerhub.commissions.domain.CommissionQueries.Filter;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.jobs.JobChunk;
import dev.partnerhub.jobs.JobHandler;
import dev.partnerhub.support.InvalidInputException;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;

/**
 * Bulk approve/decline in the background, as jobs of kind {@value #KIND} of the jobs
 * facility ({@link JobApi}): a {@code bulk_job} row says what to do (ids or the list
 * filter, reason, chunk size) and counts what changed and what was skipped; the
 * facility's {@code job} row carries status, cursor (the last commission id done),
 * progress and heartbeat. A chunk — next ids after the cursor in id order, their updates
 * and audit rows, the counters here and the job's cursor — is one transaction,
 * conditional on the cursor, so a chunk counts exactly once even if two workers meet. A
 * job left by a dead instance is resumed by the facility's sweeper from its cursor;
 * repeating a chunk is harmless anyway: only pending commissions change.
 */
@Service
public class BulkJobs implements JobHandler {

	static final String KIND = "commissions.bulk";

	public static final int MAX_IDS = 100_000;

	/** What the job pages show. {@code scope} describes the ids or filter in words. */
	public record Job(long id, String kind, String status, long total, long processed, long changed, long skipped,
			Map<String, Integer> skippedReasons, @Nullable String reason, String scope, String createdBy,
			Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error) {

		public int percent() {
			if ("done".equals(this.status) || this.total == 0) {
				return "done".equals(this.status) ? 100 : 0;
			}
			return (int) Math.min(100, this.processed * 100 / this.total);
		}

		public boolean active() {
			return "queued".equals(this.status) || "running".equals(this.status);
		}

	}

	private final JdbcClient jdbc;

	private final CommissionLifecycle lifecycle;

	private final CommissionQueries queries;

	private final JobApi jobs;

	BulkJobs(JdbcClient jdbc, CommissionLifecycle lifecycle, CommissionQueries queries, JobApi jobs) {
		this.jdbc = jdbc;
		this.lifecycle = lifecycle;
		this.queries = queries;
		this.jobs = jobs;
	}

	/** Queues a job over explicit ids and starts it; returns its id. */
	public long submitIds(Kind kind, long[] ids, String reason, String actor) {
		if (ids.length == 0) {
			throw new InvalidInputException("ids", "Select at least one commission.");
		}
		if (ids.length > MAX_IDS) {
			throw new InvalidInputException("ids", "At most " + MAX_IDS + " ids per request.");
		}
		String why = CommissionLifecycle.checkedReason(kind, reason);
		long total = Arrays.stream(ids).distinct().count();
		return this.lifecycle.inTransaction(() -> this.jdbc.sql("""
				insert into bulk_job (job_id, kind, ids, reason, chunk_size)
				values (:job, :kind, :ids, :reason, :chunk) returning id
				""")
			.param("job", this.jobs.submit(KIND, total, actor))
			.param("kind", kind.value())
			.param("ids", new SqlArrayValue("bigint", Arrays.stream(ids).boxed().toArray()))
			.param("reason", why, Types.VARCHAR)
			.param("chunk", CommissionLifecycle.CHUNK)
			.query(Long.class)
			.single());
	}

	/**
	 * Queues a job over every commission the list filter matches now (ids up to the
	 * current maximum: rows created later are not part of what the admin saw) and starts
	 * it.
	 */
	public long submitFilter(Kind kind, Filter filter, String reason, String actor, int chunkSize) {
		String why = CommissionLifecycle.checkedReason(kind, reason);
		if (chunkSize < 1 || chunkSize > MAX_IDS) {
			throw new InvalidInputException("chunkSize", "Chunk size must be between 1 and " + MAX_IDS + ".");
		}
		long upTo = this.queries.maxId();
		long total = this.queries.countMatching(filter, upTo);
		return this.lifecycle.inTransaction(() -> this.jdbc.sql("""
				insert into bulk_job (job_id, kind, filter, reason, chunk_size)
				values (:job, :kind, jsonb_build_object('partner', cast(:partner as text),
				        'status', cast(:status as text), 'sku', cast(:sku as text), 'from', cast(:from as text),
				        'to', cast(:to as text), 'program', cast(:program as bigint), 'upTo', cast(:upTo as bigint)),
				        :reason, :chunk)
				returning id
				""")
			.param("job", this.jobs.submit(KIND, total, actor))
			.param("kind", kind.value())
			.param("partner", filter.partner(), Types.VARCHAR)
			.param("status", filter.status(), Types.VARCHAR)
			.param("sku", filter.sku(), Types.VARCHAR)
			.param("from", filter.from(), Types.VARCHAR)
			.param("to", filter.to(), Types.VARCHAR)
			.param("program", filter.program(), Types.BIGINT)
			.param("upTo", upTo)
			.param("reason", why, Types.VARCHAR)
			.param("chunk", chunkSize)
			.query(Long.class)
			.single());
	}

	public Optional<Job> find(long id) {
		return page(this.jdbc.sql(SELECT_JOB + "where id = :id").param("id", id).query(this::row).list()).stream()
			.findFirst();
	}

	public List<Job> recent(int limit) {
		return page(this.jdbc.sql(SELECT_JOB + "order by id desc limit :limit")
			.param("limit", limit)
			.query(this::row)
			.list());
	}

	/** The facility's job id of a bulk job (tests, operations). */
	public Optional<Long> jobIdOf(long id) {
		return this.jdbc.sql("select job_id from bulk_job where id = :id").param("id", id).query(Long.class).optional();
	}

	@Override
	public String kind() {
		return KIND;
	}

	/** One chunk: next ids after the cursor, approve/decline them, count them. */
	@Override
	public JobChunk runChunk(dev.partnerhub.jobs.Job job, String cursor) {
		State state = this.jdbc.sql("""
				select kind, ids is not null as by_ids, reason, chunk_size,
				       filter->>'partner' as partner, filter->>'status' as f_status, filter->>'sku' as sku,
				       filter->>'from' as f_from, filter->>'to' as f_to, (filter->>'program')::bigint as program,
				       (filter->>'upTo')::bigint as up_to
				from bulk_job where job_id = :job
				""")
			.param("job", job.id())
			.query((rs, n) -> new State(Kind.of(rs.getString("kind")), rs.getBoolean("by_ids"), rs.getString("reason"),
					rs.getInt("chunk_size"),
					new Filter(rs.getString("partner"), rs.getString("f_status"), rs.getString("sku"),
							rs.getString("f_from"), rs.getString("f_to"), rs.getObject("program", Long.class)),
					rs.getObject("up_to", Long.class)))
			.single();
		long after = cursor == null ? 0 : Long.parseLong(cursor);
		long[] chunk = state.byIds() ? idsAfter(job.id(), after, state.chunkSize())
				: this.queries.matchingIds(state.filter(), after, state.upTo(), state.chunkSize());
		if (chunk.length == 0) {
			return JobChunk.finished(cursor, 0);
		}
		ChunkResult result = this.lifecycle.applyChunk(state.kind(), chunk, state.reason(), job.createdBy());
		this.jdbc.sql("""
				update bulk_job set changed = changed + :changed, skipped = skipped + :skipped,
				       skipped_reasons = coalesce((
				           select jsonb_object_agg(key, n) from (
				               select key, sum(value::int) as n from (
				                   select key, value from jsonb_each_text(skipped_reasons)
				                   union all
				                   select key, value from jsonb_each_text(cast(:delta as jsonb))) e
				               group by key) s), '{}'::jsonb)
				where job_id = :job
				""")
			.param("changed", result.changed())
			.param("skipped", result.skipped().size())
			.param("delta", json(result.skippedByReason()))
			.param("job", job.id())
			.update();
		return JobChunk.next(Long.toString(chunk[chunk.length - 1]), chunk.length);
	}

	private long[] idsAfter(long jobId, long after, int limit) {
		return this.jdbc.sql("""
				select distinct x from bulk_job j, unnest(j.ids) as x
				where j.job_id = :job and x > :after order by x limit :limit
				""")
			.param("job", jobId)
			.param("after", after)
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
	}

	private record State(Kind kind, boolean byIds, @Nullable String reason, int chunkSize, @Nullable Filter filter,
			@Nullable Long upTo) {
	}

	/** A bulk_job row before its job's status and progress are joined in. */
	private record Row(long id, long jobId, String kind, long changed, long skipped, Map<String, Integer> reasons,
			@Nullable String reason, String scope) {
	}

	private static final String SELECT_JOB = """
			select id, job_id, kind, changed, skipped, reason, cardinality(ids) as id_count,
			       filter->>'partner' as partner, filter->>'status' as f_status, filter->>'sku' as sku,
			       filter->>'from' as f_from, filter->>'to' as f_to, filter->>'program' as program,
			       (select coalesce(jsonb_object_agg(key, value), '{}') from jsonb_each(skipped_reasons))::text as reasons
			from bulk_job
			""";

	/**
	 * Joins each row with its job (status, progress, who and when) from the jobs
	 * facility.
	 */
	private List<Job> page(List<Row> rows) {
		Map<Long, dev.partnerhub.jobs.Job> jobs = this.jobs.findAll(rows.stream().map(Row::jobId).toList());
		List<Job> page = new ArrayList<>(rows.size());
		for (Row row : rows) {
			dev.partnerhub.jobs.Job job = jobs.get(row.jobId());
			if (job != null) {
				page.add(new Job(row.id(), row.kind(), job.status().value(), job.total(), job.done(), row.changed(),
						row.skipped(), row.reasons(), row.reason(), row.scope(), job.createdBy(), job.createdAt(),
						job.startedAt(), job.finishedAt(), job.error()));
			}
		}
		return page;
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		String scope;
		if (rs.getObject("id_count") != null) {
			int count = rs.getInt("id_count");
			scope = count + (count == 1 ? " selected commission" : " selected commissions");
		}
		else {
			List<String> parts = new ArrayList<>();
			for (String[] field : new String[][] { { "partner", "partner" }, { "program", "program" },
					{ "sku", "product" }, { "f_status", "status" }, { "f_from", "from" }, { "f_to", "to" } }) {
				String value = rs.getString(field[0]);
				if (value != null) {
					parts.add(field[1] + " " + value);
				}
			}
			scope = parts.isEmpty() ? "all commissions" : "all commissions matching " + String.join(", ", parts);
		}
		return new Row(rs.getLong("id"), rs.getLong("job_id"), rs.getString("kind"), rs.getLong("changed"),
				rs.getLong("skipped"), reasons(rs.getString("reasons")), rs.getString("reason"), scope);
	}

	/**
	 * Reads the flat {"reason": count} object this class writes (keys are fixed words
	 * without quotes).
	 */
	private static Map<String, Integer> reasons(String json) {
		Map<String, Integer> reasons = new LinkedHashMap<>();
		String body = json == null ? "" : json.strip().replaceAll("^\\{|\\}$", "");
		for (String pair : body.split(",")) {
			int colon = pair.lastIndexOf(':');
			if (colon > 0) {
				reasons.put(pair.substring(0, colon).strip().replace("\"", ""),
						Integer.valueOf(pair.substring(colon + 1).strip().replace("\"", "")));
			}
		}
		return reasons;
	}

	private static String json(Map<String, Integer> counts) {
		return counts.entrySet()
			.stream()
			.map(e -> "\"" + e.getKey() + "\": " + e.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
	}

}
