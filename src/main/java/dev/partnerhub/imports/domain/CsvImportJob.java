package dev.partnerhub.imports.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.partnerhub.jobs.JobChunk;
import dev.partnerhub.jobs.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The jobs facility's handler of CSV imports ({@link CsvImports#KIND}): each chunk
 * imports the next {@value #PROGRESS_EVERY} rows after the cursor, one transaction per
 * row, and writes the chunk's counts and row errors with the cursor. The parsed file is
 * kept between chunks and parsed again after a resume elsewhere.
 */
@Component
class CsvImportJob implements JobHandler {

	private static final Logger log = LoggerFactory.getLogger(CsvImportJob.class);

	static final int PROGRESS_EVERY = 50;

	private final JdbcClient jdbc;

	private final CsvImports imports;

	private final TransactionTemplate tx;

	/**
	 * The parsed file of each running import, kept between its chunks (rebuilt after a
	 * resume elsewhere).
	 */
	private final Map<Long, Run> runs = new ConcurrentHashMap<>();

	CsvImportJob(JdbcClient jdbc, CsvImports imports, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.imports = imports;
		this.tx = new TransactionTemplate(transactions);
		// A row commits on its own, also inside a job's chunk transaction.
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * An import between its chunks: the parsed file, its columns, the values of the rows
	 * before {@code next}.
	 */
	private record Run(long importId, ImportKind kind, String actor, boolean invite, CsvTable table, Columns columns,
			Seen seen, int next) {
	}

	@Override
	public String kind() {
		return CsvImports.KIND;
	}

	/**
	 * The next {@value #PROGRESS_EVERY} rows after the cursor (rows done), each in its
	 * own transaction.
	 */
	@Override
	public JobChunk runChunk(dev.partnerhub.jobs.Job job, String cursor) {
		int start = cursor == null ? 0 : Integer.parseInt(cursor);
		Run run = this.runs.get(job.id());
		if (run == null || run.next() != start) {
			run = load(job.id(), start);
		}
		int end = Math.min(run.table().rows().size(), start + PROGRESS_EVERY);
		int created = 0;
		int existing = 0;
		int invited = 0;
		List<CsvImports.RowResult> failures = new ArrayList<>();
		for (int i = start; i < end; i++) {
			CsvTable.Row row = run.table().rows().get(i);
			CsvImports.RowResult result;
			try {
				Run current = run;
				result = this.tx.execute(status -> this.imports.process(current.kind(), current.columns(), row,
						current.seen(), true, current.actor(), current.invite()));
			}
			catch (CommissionRows.AlreadyImported ex) {
				result = new CsvImports.RowResult(row.line(), CsvImports.Action.EXISTS, "already imported", null);
			}
			catch (RuntimeException ex) {
				log.debug("Import {} line {} failed", run.importId(), row.line(), ex);
				result = new CsvImports.RowResult(row.line(), CsvImports.Action.ERROR, "", "Could not be imported: "
						+ (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
			}
			switch (result.action()) {
				case CREATE -> created++;
				case EXISTS -> existing++;
				case ERROR -> failures.add(result);
			}
			if (result.invited()) {
				invited++;
			}
		}
		progress(run.importId(), created, existing, invited, failures);
		this.runs.put(job.id(), new Run(run.importId(), run.kind(), run.actor(), run.invite(), run.table(),
				run.columns(), run.seen(), end));
		return end >= run.table().rows().size() ? JobChunk.finished(Integer.toString(end), end - start)
				: JobChunk.next(Integer.toString(end), end - start);
	}

	@Override
	public void ended(dev.partnerhub.jobs.Job job) {
		this.runs.remove(job.id());
	}

	/**
	 * Parses the file again (a first chunk, or a job resumed here): rows before the
	 * cursor still count as seen.
	 */
	private Run load(long jobId, int start) {
		long importId = this.jdbc.sql("select id from import_job where job_id = :job")
			.param("job", jobId)
			.query(Long.class)
			.single();
		CsvImports.Draft draft = this.imports.draft(importId);
		CsvTable table = CsvTable.parse(draft.content());
		Columns columns = Columns.check(draft.kind(), table);
		Seen seen = new Seen();
		for (int i = 0; i < start && i < table.rows().size(); i++) {
			seen.remember(draft.kind(), columns, table.rows().get(i));
		}
		return new Run(importId, draft.kind(), draft.actor(), draft.invite(), table, columns, seen, start);
	}

	/**
	 * The chunk's counts and row errors, in the chunk's transaction (with the job's
	 * cursor).
	 */
	private void progress(long id, int created, int existing, int invited, List<CsvImports.RowResult> failures) {
		for (CsvImports.RowResult failure : failures) {
			this.jdbc.sql("""
					insert into import_row_error (job_id, line, message) values (:id, :line, :message)
					on conflict do nothing
					""")
				.param("id", id)
				.param("line", failure.line())
				.param("message", RowChecks.truncate(failure.error(), 1000))
				.update();
		}
		this.jdbc.sql("""
				update import_job set created = created + :created, existing = existing + :existing,
				       failed = failed + :failed, invited = invited + :invited
				where id = :id
				""")
			.param("invited", invited)
			.param("created", created)
			.param("existing", existing)
			.param("failed", failures.size())
			.param("id", id)
			.update();
	}

}
