package dev.partnerhub.imports.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import. An upload becomes a draft (the file is stored with it) and is dry-run:
 * every row is checked and classified — would be created, exists already, error — without
 * writing anything else. Starting the import submits a job of kind {@value #KIND} to the
 * jobs facility ({@link JobApi}); its chunks ({@link CsvImportJob}) process the rows in
 * file order, {@value CsvImportJob#PROGRESS_EVERY} at a time, one transaction per row,
 * and write the chunk's counts and row errors together with the job's cursor (rows done).
 * <p>
 * Idempotent per row: contacts are matched by e-mail, partners by code (or by their
 * contact's e-mail when the file has no code), commissions by their external id. A row
 * repeated later in the same file is an error ("duplicate of line n"). A crash stops a
 * job with the progress of its last chunk; the facility's sweeper resumes it from there
 * when its heartbeat is older than two minutes: rows done again are recognized as
 * existing.
 */
@Service
public class CsvImports {

	static final String KIND = "imports.csv";

	/** Rows shown on the dry-run page; the counts cover every row. */
	public static final int PREVIEW_ROWS = 500;

	public enum Action {

		CREATE, EXISTS, ERROR

	}

	/** {@code invited}: the partner this row created got an invitation e-mail. */
	public record RowResult(int line, Action action, String summary, @Nullable String error, boolean invited) {

		public RowResult(int line, Action action, String summary, String error) {
			this(line, action, summary, error, false);
		}

	}

	public record DryRun(List<RowResult> rows, int total, int create, int exists, int errors) {
	}

	public record Job(long id, String kind, String fileName, String status, int total, int processed, int created,
			int existing, int failed, @Nullable String error, String createdBy, Instant createdAt,
			@Nullable Instant finishedAt, boolean invite, int invited) {

		public int percent() {
			if ("done".equals(this.status)) {
				return 100;
			}
			return this.total == 0 ? 0 : (int) Math.min(100, this.processed * 100L / this.total);
		}

		public boolean active() {
			return "queued".equals(this.status) || "running".equals(this.status);
		}

	}

	public record RowError(int line, String message) {
	}

	private final JdbcClient jdbc;

	private final PeopleRows people;

	private final CommissionRows commissionRows;

	private final TransactionTemplate tx;

	private final TransactionTemplate chunkTx;

	private final JobApi jobs;

	CsvImports(JdbcClient jdbc, PeopleRows people, CommissionRows commissionRows,
			PlatformTransactionManager transactions, JobApi jobs) {
		this.jdbc = jdbc;
		this.people = people;
		this.commissionRows = commissionRows;
		this.jobs = jobs;
		this.tx = new TransactionTemplate(transactions);
		// A row commits on its own, also inside a job's chunk transaction.
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.chunkTx = new TransactionTemplate(transactions);
	}

	/**
	 * Stores an uploaded file as a draft job after checking its headers; returns the job
	 * id.
	 */
	public long upload(ImportKind kind, String fileName, String content, String actor) {
		CsvTable table = CsvTable.parse(content);
		Columns.check(kind, table);
		String name = fileName == null || fileName.isBlank() ? "upload.csv"
				: fileName.replaceAll("[\\p{Cntrl}]", "").strip();
		return this.jdbc.sql("""
				insert into import_job (kind, file_name, content, total, created_by)
				values (:kind, :name, :content, :total, :actor) returning id
				""")
			.param("kind", kind.value())
			.param("name", name.length() > 255 ? name.substring(0, 255) : name)
			.param("content", content)
			.param("total", table.rows().size())
			.param("actor", actor)
			.query(Long.class)
			.single();
	}

	/**
	 * Checks every row of a draft and says what importing it would do; changes nothing.
	 */
	public DryRun dryRun(long id) {
		Draft draft = draft(id);
		CsvTable table = CsvTable.parse(draft.content());
		Columns columns = Columns.check(draft.kind(), table);
		Seen seen = new Seen();
		List<RowResult> preview = new ArrayList<>();
		int create = 0;
		int exists = 0;
		int errors = 0;
		for (CsvTable.Row row : table.rows()) {
			RowResult result = this.tx.execute(status -> {
				status.setRollbackOnly(); // belt and braces: a dry run never writes
				return process(draft.kind(), columns, row, seen, false, draft.actor());
			});
			switch (result.action()) {
				case CREATE -> create++;
				case EXISTS -> exists++;
				case ERROR -> errors++;
			}
			if (preview.size() < PREVIEW_ROWS) {
				preview.add(result);
			}
		}
		return new DryRun(preview, table.rows().size(), create, exists, errors);
	}

	/**
	 * Submits a draft as a job of the jobs facility; it starts in the background.
	 * Starting twice is harmless.
	 */
	public void start(long id) {
		start(id, false);
	}

	/**
	 * As {@link #start(long)}; {@code invite}: imported approved partners without a login
	 * get an invitation e-mail (partner imports only).
	 */
	public void start(long id, boolean invite) {
		Draft draft = draft(id);
		this.chunkTx.executeWithoutResult(status -> {
			long job = this.jobs.submit(KIND, total(id), draft.actor());
			int started = this.jdbc
				.sql("update import_job set job_id = :job, invite = :invite where id = :id and job_id is null")
				.param("job", job)
				.param("invite", invite && draft.kind() == ImportKind.PARTNERS)
				.param("id", id)
				.update();
			if (started == 0) {
				status.setRollbackOnly(); // already started: the job just submitted never
											// runs
			}
		});
	}

	private int total(long id) {
		return this.jdbc.sql("select total from import_job where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	public Optional<Job> find(long id) {
		return page(this.jdbc.sql(SELECT_JOB + " where id = :id").param("id", id).query(this::row).list()).stream()
			.findFirst();
	}

	public List<Job> recent(int limit) {
		return page(this.jdbc.sql(SELECT_JOB + " order by created_at desc, id desc limit :limit")
			.param("limit", limit)
			.query(this::row)
			.list());
	}

	public List<RowError> errors(long id) {
		return this.jdbc.sql("select line, message from import_row_error where job_id = :id order by line")
			.param("id", id)
			.query((rs, n) -> new RowError(rs.getInt("line"), rs.getString("message")))
			.list();
	}

	/** The facility's job id of a started import; empty for a draft. */
	public Optional<Long> jobIdOf(long id) {
		return this.jdbc.sql("select job_id from import_job where id = :id and job_id is not null")
			.param("id", id)
			.query(Long.class)
			.optional();
	}

	// --- rows

	private RowResult process(ImportKind kind, Columns c, CsvTable.Row row, Seen seen, boolean apply, String actor) {
		return process(kind, c, row, seen, apply, actor, false);
	}

	RowResult process(ImportKind kind, Columns c, CsvTable.Row row, Seen seen, boolean apply, String actor,
			boolean invite) {
		return switch (kind) {
			case CONTACTS -> this.people.contact(c, row, seen, apply);
			case PARTNERS -> this.people.partner(c, row, seen, apply, invite);
			case COMMISSIONS -> this.commissionRows.commission(c, row, seen, apply, actor);
		};
	}

	// --- jobs

	record Draft(ImportKind kind, String content, String actor, boolean invite) {
	}

	Draft draft(long id) {
		return this.jdbc.sql("select kind, content, created_by, invite from import_job where id = :id")
			.param("id", id)
			.query((rs, n) -> new Draft(ImportKind.of(rs.getString("kind")), rs.getString("content"),
					rs.getString("created_by"), rs.getBoolean("invite")))
			.optional()
			.orElseThrow(() -> new NotFoundException("No import " + id + "."));
	}

	/** An import_job row before its job's status and progress are joined in. */
	private record Row(long id, @Nullable Long jobId, String kind, String fileName, int total, int created,
			int existing, int failed, String createdBy, Instant createdAt, boolean invite, int invited) {
	}

	private static final String SELECT_JOB = """
			select id, job_id, kind, file_name, total, created, existing, failed, created_by, created_at, invite, invited
			from import_job""";

	private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getLong("id"), rs.getObject("job_id", Long.class), rs.getString("kind"),
				rs.getString("file_name"), rs.getInt("total"), rs.getInt("created"), rs.getInt("existing"),
				rs.getInt("failed"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getBoolean("invite"), rs.getInt("invited"));
	}

	/**
	 * Drafts have no job; started imports take status, rows done, error and end from
	 * theirs.
	 */
	private List<Job> page(List<Row> listed) {
		Map<Long, dev.partnerhub.jobs.Job> jobs = this.jobs
			.findAll(listed.stream().map(Row::jobId).filter(java.util.Objects::nonNull).toList());
		// The counts are read again after the jobs: a chunk commits its counts with its
		// cursor, so counts read after the status are never older than it (a page that
		// says
		// "done" with the counts from before the last chunk stops polling with them).
		List<Row> rows = jobs.isEmpty() ? listed
				: this.jdbc.sql(SELECT_JOB + " where id in (:ids)")
					.param("ids", listed.stream().map(Row::id).toList())
					.query(this::row)
					.list()
					.stream()
					.sorted(java.util.Comparator.comparingInt(r -> indexOf(listed, r.id())))
					.toList();
		List<Job> page = new ArrayList<>(rows.size());
		for (Row row : rows) {
			dev.partnerhub.jobs.Job job = row.jobId() == null ? null : jobs.get(row.jobId());
			page.add(new Job(row.id(), row.kind(), row.fileName(), job == null ? "draft" : job.status().value(),
					row.total(), job == null ? 0 : (int) job.done(), row.created(), row.existing(), row.failed(),
					job == null ? null : job.error(), row.createdBy(), row.createdAt(),
					job == null ? null : job.finishedAt(), row.invite(), row.invited()));
		}
		return page;
	}

	private static int indexOf(List<Row> rows, long id) {
		for (int i = 0; i < rows.size(); i++) {
			if (rows.get(i).id() == id) {
				return i;
			}
		}
		return rows.size();
	}

}
