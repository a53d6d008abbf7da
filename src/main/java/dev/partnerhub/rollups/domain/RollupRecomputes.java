package dev.partnerhub.rollups.domain;

import java.time.LocalDate;
import java.util.List;

import dev.partnerhub.jobs.Job;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.jobs.JobChunk;
import dev.partnerhub.jobs.JobHandler;
import dev.partnerhub.rollups.RollupField;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Recomputes every partner's value of one definition after it was created or edited, as a
 * job of kind {@value #KIND} of the jobs facility ({@link JobApi}): chunks of partner
 * ids, so the console's progress bar moves. The definition points at its latest recompute
 * ({@code rollup_field.recompute_job_id}); an edit submits a new one, and the old one is
 * cancelled at its next chunk. Each chunk runs under the writers' lock in the facility's
 * chunk transaction. A run left by a dead instance is resumed by the facility's sweeper.
 * Also the daily refresh of rollups with relative dates.
 */
@Component
public class RollupRecomputes implements JobHandler {

	static final String KIND = "rollups.recompute";

	/**
	 * Partners per chunk: small enough that the progress moves and the writers' lock is
	 * held briefly.
	 */
	static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	private final RollupEngine engine;

	private final JobApi jobs;

	RollupRecomputes(JdbcClient jdbc, RollupEngine engine, JobApi jobs) {
		this.jdbc = jdbc;
		this.engine = engine;
		this.jobs = jobs;
	}

	/**
	 * Submits a recompute of {@code id} over every partner; it starts in the background
	 * once the current transaction commits. Returns the job id, which the caller stores
	 * as the definition's recompute.
	 */
	long submit() {
		long partners = this.jdbc.sql("select count(*) from partner_directory").query(Long.class).single();
		return this.jobs.submit(KIND, partners, "system");
	}

	@Override
	public String kind() {
		return KIND;
	}

	/**
	 * The next partners after the cursor, for the definition whose current recompute this
	 * job is.
	 */
	@Override
	public JobChunk runChunk(Job job, String cursor) {
		this.engine.lock();
		Long id = this.jdbc.sql("select id from rollup_field where recompute_job_id = :job")
			.param("job", job.id())
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null) {
			return JobChunk.cancelled(); // edited (a newer recompute runs) or deleted
		}
		List<Long> partners = nextPartners(cursor == null ? 0 : Long.parseLong(cursor));
		if (partners.isEmpty()) {
			return JobChunk.finished(cursor, 0);
		}
		RollupField field = this.engine.definitions().stream().filter(f -> f.id() == id).findFirst().orElseThrow();
		this.engine.write(field, partners, this.engine.today());
		return JobChunk.next(Long.toString(partners.get(partners.size() - 1)), partners.size());
	}

	private List<Long> nextPartners(long after) {
		return this.jdbc.sql("select id from partner_directory where id > :after order by id limit :n")
			.param("after", after)
			.param("n", CHUNK)
			.query(Long.class)
			.list();
	}

	/**
	 * Recomputes every rollup whose filter depends on the date, for every partner, as of
	 * {@code today}, and records the day. Runs in the calling thread; returns the number
	 * of values that changed.
	 */
	public int refreshRelative(LocalDate today) {
		int changed = 0;
		for (RollupField field : this.engine.definitions()) {
			if (!field.relative()) {
				continue;
			}
			long cursor = 0;
			while (true) {
				long from = cursor;
				List<Long> partners = nextPartners(from);
				if (partners.isEmpty()) {
					break;
				}
				changed += this.engine.inTransaction(() -> {
					this.engine.lock();
					return this.engine.write(field, partners, today);
				});
				cursor = partners.get(partners.size() - 1);
			}
		}
		this.jdbc.sql("update rollup_state set relative_refreshed_on = :day where id = 1").param("day", today).update();
		return changed;
	}

	/** The day relative rollups were last refreshed for; null if never. */
	public LocalDate relativeRefreshedOn() {
		return this.jdbc.sql("select relative_refreshed_on from rollup_state where id = 1")
			.query(LocalDate.class)
			.optional()
			.orElse(null);
	}

	/**
	 * Recomputes one definition for explicit partners now (console "recompute" of one
	 * partner, tests).
	 */
	public int recompute(RollupField field, List<Long> partnerIds, LocalDate today) {
		return this.engine.inTransaction(() -> {
			this.engine.lock();
			return this.engine.write(field, partnerIds, today);
		});
	}

	static SqlArrayValue array(List<Long> ids) {
		return new SqlArrayValue("bigint", ids.toArray());
	}

}
