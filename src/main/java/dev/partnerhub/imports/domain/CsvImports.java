package dev.partnerhub.imports.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.ImportedCommission;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.jobs.JobChunk;
import dev.partnerhub.jobs.JobHandler;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.PayoutEmail;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import dev.partnerhub.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import. An upload becomes a draft (the file is stored with it) and is dry-run: every row is checked and
 * classified — would be created, exists already, error — without writing anything else. Starting the import submits
 * a job of kind {@value #KIND} to the jobs facility ({@link JobApi}); its chunks process the rows in file order,
 * {@value #PROGRESS_EVERY} at a time, one transaction per row, and write the chunk's counts and row errors together
 * with the job's cursor (rows done).
 * <p>
 * Idempotent per row: contacts are matched by e-mail, partners by code (or by their contact's e-mail when the file
 * has no code), commissions by their external id. A row repeated later in the same file is an error ("duplicate of
 * line n"). A crash stops a job with the progress of its last chunk; the facility's sweeper resumes it from there
 * when its heartbeat is older than two minutes: rows done again are recognized as existing.
 */
@Service
public class CsvImports implements JobHandler {

	private static final Logger log = LoggerFactory.getLogger(CsvImports.class);

	static final String KIND = "imports.csv";

	static final int PROGRESS_EVERY = 50;

	/** Rows shown on the dry-run page; the counts cover every row. */
	public static final int PREVIEW_ROWS = 500;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\"]{2,}$");

	private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9_-]{3,40}$");

	public enum Action {
		CREATE, EXISTS, ERROR
	}

	public record RowResult(int line, Action action, String summary, String error) {
	}

	public record DryRun(List<RowResult> rows, int total, int create, int exists, int errors) {
	}

	public record Job(long id, String kind, String fileName, String status, int total, int processed, int created,
			int existing, int failed, String error, String createdBy, Instant createdAt, Instant finishedAt) {

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

	private final ContactApi contacts;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final TransactionTemplate tx;

	private final TransactionTemplate chunkTx;

	private final OrderApi orders;

	private final CommissionApi commissions;

	private final JobApi jobs;

	/** The parsed file of each running import, kept between its chunks (rebuilt after a resume elsewhere). */
	private final Map<Long, Run> runs = new ConcurrentHashMap<>();

	private final Clock clock;

	CsvImports(JdbcClient jdbc, ContactApi contacts, PartnerApi partners, ProgramApi programs,
			PlatformTransactionManager transactions, OrderApi orders, CommissionApi commissions, JobApi jobs,
			Clock clock) {
		this.clock = clock;
		this.orders = orders;
		this.commissions = commissions;
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.partners = partners;
		this.programs = programs;
		this.jobs = jobs;
		this.tx = new TransactionTemplate(transactions);
		// A row commits on its own, also inside a job's chunk transaction.
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.chunkTx = new TransactionTemplate(transactions);
	}

	/** Stores an uploaded file as a draft job after checking its headers; returns the job id. */
	public long upload(ImportKind kind, String fileName, String content, String actor) {
		CsvTable table = CsvTable.parse(content);
		checkHeaders(kind, table);
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

	/** Checks every row of a draft and says what importing it would do; changes nothing. */
	public DryRun dryRun(long id) {
		Draft draft = draft(id);
		CsvTable table = CsvTable.parse(draft.content());
		Columns columns = checkHeaders(draft.kind(), table);
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

	/** Submits a draft as a job of the jobs facility; it starts in the background. Starting twice is harmless. */
	public void start(long id) {
		Draft draft = draft(id);
		this.chunkTx.executeWithoutResult(status -> {
			long job = this.jobs.submit(KIND, total(id), draft.actor());
			int started = this.jdbc.sql("update import_job set job_id = :job where id = :id and job_id is null")
				.param("job", job)
				.param("id", id)
				.update();
			if (started == 0) {
				status.setRollbackOnly(); // already started: the job just submitted never runs
			}
		});
	}

	private int total(long id) {
		return this.jdbc.sql("select total from import_job where id = :id").param("id", id).query(Integer.class)
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

	// --- the job

	/** An import between its chunks: the parsed file, its columns, the values of the rows before {@code next}. */
	private record Run(long importId, ImportKind kind, String actor, CsvTable table, Columns columns, Seen seen,
			int next) {
	}

	@Override
	public String kind() {
		return KIND;
	}

	/** The next {@value #PROGRESS_EVERY} rows after the cursor (rows done), each in its own transaction. */
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
		List<RowResult> failures = new ArrayList<>();
		for (int i = start; i < end; i++) {
			CsvTable.Row row = run.table().rows().get(i);
			RowResult result;
			try {
				Run current = run;
				result = this.tx.execute(status -> process(current.kind(), current.columns(), row, current.seen(), true,
						current.actor()));
			}
			catch (AlreadyImported ex) {
				result = new RowResult(row.line(), Action.EXISTS, "already imported", null);
			}
			catch (RuntimeException ex) {
				log.debug("Import {} line {} failed", run.importId(), row.line(), ex);
				result = new RowResult(row.line(), Action.ERROR, "", "Could not be imported: "
						+ (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
			}
			switch (result.action()) {
				case CREATE -> created++;
				case EXISTS -> existing++;
				case ERROR -> failures.add(result);
			}
		}
		progress(run.importId(), created, existing, failures);
		this.runs.put(job.id(), new Run(run.importId(), run.kind(), run.actor(), run.table(), run.columns(),
				run.seen(), end));
		return end >= run.table().rows().size() ? JobChunk.finished(Integer.toString(end), end - start)
				: JobChunk.next(Integer.toString(end), end - start);
	}

	@Override
	public void ended(dev.partnerhub.jobs.Job job) {
		this.runs.remove(job.id());
	}

	/** Parses the file again (a first chunk, or a job resumed here): rows before the cursor still count as seen. */
	private Run load(long jobId, int start) {
		long importId = this.jdbc.sql("select id from import_job where job_id = :job").param("job", jobId)
			.query(Long.class).single();
		Draft draft = draft(importId);
		CsvTable table = CsvTable.parse(draft.content());
		Columns columns = checkHeaders(draft.kind(), table);
		Seen seen = new Seen();
		for (int i = 0; i < start && i < table.rows().size(); i++) {
			seen.remember(draft.kind(), columns, table.rows().get(i));
		}
		return new Run(importId, draft.kind(), draft.actor(), table, columns, seen, start);
	}

	/** The chunk's counts and row errors, in the chunk's transaction (with the job's cursor). */
	private void progress(long id, int created, int existing, List<RowResult> failures) {
		for (RowResult failure : failures) {
			this.jdbc.sql("""
					insert into import_row_error (job_id, line, message) values (:id, :line, :message)
					on conflict do nothing
					""")
				.param("id", id)
				.param("line", failure.line())
				.param("message", truncate(failure.error(), 1000))
				.update();
		}
		this.jdbc.sql("""
				update import_job set created = created + :created, existing = existing + :existing,
				       failed = failed + :failed
				where id = :id
				""")
			.param("created", created)
			.param("existing", existing)
			.param("failed", failures.size())
			.param("id", id)
			.update();
	}

	// --- rows

	private RowResult process(ImportKind kind, Columns c, CsvTable.Row row, Seen seen, boolean apply, String actor) {
		return switch (kind) {
			case CONTACTS -> contact(c, row, seen, apply);
			case PARTNERS -> partner(c, row, seen, apply);
			case COMMISSIONS -> commission(c, row, seen, apply, actor);
		};
	}

	/**
	 * One commission: checked completely first (so the dry run reports every problem the real run would), then, when
	 * applied, a sale recorded by the orders module and the commission as it is by the commissions module, in this
	 * row's transaction. Idempotent by external id: the synthetic order id "imported:<external id>" and the unique
	 * commission.external_id both stop a second copy (a concurrent import waits for the first commit, then skips).
	 */
	private RowResult commission(Columns c, CsvTable.Row row, Seen seen, boolean apply, String actor) {
		String externalId = row.get(c.get("external_id"));
		String partnerRef = row.get(c.get("partner"));
		String email = row.get(c.get("customer_email"));
		String orderRef = row.get(c.get("order_id"));
		String sku = row.get(c.get("sku"));
		String amountText = row.get(c.get("amount"));
		String currencyText = row.get(c.get("currency"));
		String tierText = row.get(c.get("tier"));
		String statusText = row.get(c.get("status"));
		String dateText = row.get(c.get("transaction_date"));
		String paidText = row.get(c.get("paid_date"));
		String saleText = row.get(c.get("sale_amount"));
		if (externalId.isEmpty()) {
			return error(row, "External id is missing.");
		}
		if (externalId.length() > EXTERNAL_ID_MAX || !EXTERNAL_ID.matcher(externalId).matches()) {
			return error(row, "External id '" + shorten(externalId) + "' must be 1-" + EXTERNAL_ID_MAX
					+ " letters, digits or . _ : / # @ + - characters.");
		}
		String duplicate = seen.duplicate("external id", externalId, row.line());
		if (duplicate != null) {
			return error(row, duplicate);
		}
		if (partnerRef.isEmpty()) {
			return error(row, "Partner is missing (a partner code or e-mail).");
		}
		String problem = checkEmail("customer e-mail", email, true);
		if (problem != null) {
			return error(row, problem.equals("E-mail is missing.") ? "Customer e-mail is missing." : problem);
		}
		if (orderRef.length() > 100 || orderRef.chars().anyMatch(Character::isISOControl)) {
			return error(row, "Order id '" + shorten(orderRef) + "' must be at most 100 characters, no control characters.");
		}
		BigDecimal amount = money(amountText);
		if (amount == null || amount.signum() <= 0) {
			return error(row, amountText.isEmpty() ? "Amount is missing."
					: "Amount '" + shorten(amountText) + "' is not a positive amount with at most 2 decimals (e.g. 12.50).");
		}
		if (amount.compareTo(MoneyInput.maxAmount()) > 0) {
			return error(row, "Amount " + amount + " is above the maximum of " + MoneyInput.maxAmount()
					+ " (partnerhub.money.max-amount).");
		}
		BigDecimal sale = BigDecimal.ZERO.setScale(2);
		if (!saleText.isEmpty()) {
			sale = money(saleText);
			if (sale == null) {
				return error(row, "Sale amount '" + shorten(saleText)
						+ "' is not an amount with at most 2 decimals (e.g. 99.00).");
			}
			if (sale.compareTo(MoneyInput.maxAmount()) > 0) {
				return error(row, "Sale amount " + sale + " is above the maximum of " + MoneyInput.maxAmount()
						+ " (partnerhub.money.max-amount).");
			}
		}
		int tier = 1;
		if (!tierText.isEmpty()) {
			if (!tierText.equals("1") && !tierText.equals("2")) {
				return error(row, "Tier '" + shorten(tierText) + "' must be 1 or 2.");
			}
			tier = Integer.parseInt(tierText);
		}
		CommissionStatus status = CommissionStatus.PENDING;
		if (!statusText.isEmpty()) {
			try {
				status = CommissionStatus.of(statusText.strip());
			}
			catch (IllegalArgumentException ex) {
				return error(row, "Status '" + shorten(statusText)
						+ "' is not pending, approved, paid, declined or refunded.");
			}
		}
		Instant date = instant(dateText);
		if (date == null) {
			return error(row, dateText.isEmpty() ? "Transaction date is missing." : "Transaction date '"
					+ shorten(dateText) + "' is not a date like 2025-03-31 or 2025-03-31T14:05:00Z.");
		}
		Instant now = this.clock.instant();
		if (date.isAfter(now.plus(Duration.ofDays(1))) || date.isBefore(EARLIEST)) {
			return error(row, "Transaction date " + dateText + " is in the future or before 1990.");
		}
		Instant paidAt = null;
		if (!paidText.isEmpty()) {
			if (status != CommissionStatus.PAID) {
				return error(row, "Paid date is only for paid commissions (this one is " + status.value() + ").");
			}
			paidAt = instant(paidText);
			if (paidAt == null) {
				return error(row, "Paid date '" + shorten(paidText)
						+ "' is not a date like 2025-03-31 or 2025-03-31T14:05:00Z.");
			}
			if (paidAt.isBefore(date) || paidAt.isAfter(now.plus(Duration.ofDays(1)))) {
				return error(row, "Paid date " + paidText + " is before the transaction date or in the future.");
			}
		}
		else if (status == CommissionStatus.PAID) {
			paidAt = date;
		}
		Optional<PartnerSummary> partner = partnerRef.contains("@")
				? this.contacts.findByEmail(partnerRef).flatMap(x -> this.partners.findByContactId(x.id()))
				: this.partners.findByCode(partnerRef);
		if (partner.isEmpty()) {
			return error(row, "Unknown partner '" + shorten(partnerRef) + "' (no partner has this code or e-mail).");
		}
		Optional<ProgramSummary> program = this.programs.findProgram(partner.get().programId());
		String currency = currencyText.isEmpty() ? program.map(ProgramSummary::currency).orElse("") : currencyText;
		if (!Currencies.isValid(currency)) {
			return error(row, "Currency '" + shorten(currencyText)
					+ "' must be an ISO 4217 code in upper case, such as USD or EUR.");
		}
		if (!sku.isEmpty() && this.programs.findProductBySku(sku).isEmpty()) {
			return error(row, "Unknown product sku '" + shorten(sku) + "' (leave it empty when the product is not here).");
		}
		String summary = externalId + " · " + partner.get().code() + " · " + amount.setScale(2) + " " + currency + " · "
				+ status.value();
		if (this.commissions.existsExternal(externalId)) {
			return new RowResult(row.line(), Action.EXISTS, summary + " (already imported)", null);
		}
		if (apply) {
			Optional<OrderApi.RecordedSale> recorded = this.orders.recordSale(new OrderApi.ExternalSale(
					IMPORTED_ORDER_PREFIX + externalId, email, sku.isEmpty() ? null : sku, sale, currency, date,
					tier == 1 ? partner.get().id() : null));
			if (recorded.isEmpty()) {
				return new RowResult(row.line(), Action.EXISTS, summary + " (already imported)", null);
			}
			OrderApi.RecordedSale s = recorded.get();
			String reason = "Imported" + (orderRef.isEmpty() ? "" : " (order " + orderRef + " in the other system)")
					+ " by " + actor + ".";
			Optional<Long> id = this.commissions.recordImported(new ImportedCommission(externalId, partner.get().id(),
					s.contactId(), s.orderId(), s.orderItemId(), s.productId(), s.sku(), tier, s.amount(),
					amount.setScale(2), currency, status, date, paidAt, reason, actor));
			if (id.isEmpty()) {
				// the external id exists under another order id (imported meanwhile): undo this row's order
				throw new AlreadyImported();
			}
		}
		return new RowResult(row.line(), Action.CREATE, summary, null);
	}

	/** Thrown to roll a row back that turned out to be imported meanwhile. */
	static final class AlreadyImported extends RuntimeException {

		AlreadyImported() {
			super("already imported", null, false, false);
		}

	}

	static final String IMPORTED_ORDER_PREFIX = "imported:";

	private static final int EXTERNAL_ID_MAX = 90;

	private static final Pattern EXTERNAL_ID = Pattern.compile("^[A-Za-z0-9._:/#@+-]+$");


	private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

	/**
	 * A non-negative plain amount (support.MoneyInput: at most 2 decimals and a dot, no sign, exponent or thousands
	 * separators); null otherwise. The caller checks the maximum with its own message.
	 */
	static BigDecimal money(String text) {
		return MoneyInput.isPlainAmount(text) ? new BigDecimal(text).setScale(2) : null;
	}

	/** ISO dates: 2025-03-31 (midnight UTC), 2025-03-31T14:05[:00][Z|+02:00], or a space instead of T (UTC). */
	static Instant instant(String text) {
		if (text.isEmpty() || text.length() > 40) {
			return null;
		}
		String t = text.strip().replace(' ', 'T');
		try {
			if (t.length() == 10) {
				return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			try {
				return OffsetDateTime.parse(t).toInstant();
			}
			catch (DateTimeParseException ex) {
				return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
			}
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}


	private RowResult contact(Columns c, CsvTable.Row row, Seen seen, boolean apply) {
		String email = row.get(c.get("email"));
		String first = row.get(c.get("first_name"));
		String last = row.get(c.get("last_name"));
		String problem = checkEmail("e-mail", email, true);
		if (problem == null) {
			problem = checkLength(first, last);
		}
		if (problem == null) {
			problem = seen.duplicate("email", email.toLowerCase(Locale.ROOT), row.line());
		}
		if (problem != null) {
			return error(row, problem);
		}
		String summary = email + (first.isEmpty() && last.isEmpty() ? "" : " (" + (first + " " + last).strip() + ")");
		if (this.contacts.findByEmail(email).isPresent()) {
			return new RowResult(row.line(), Action.EXISTS, summary, null);
		}
		if (apply) {
			this.contacts.create(email, first, last);
		}
		return new RowResult(row.line(), Action.CREATE, summary, null);
	}

	private RowResult partner(Columns c, CsvTable.Row row, Seen seen, boolean apply) {
		String email = row.get(c.get("email"));
		String first = row.get(c.get("first_name"));
		String last = row.get(c.get("last_name"));
		String programName = row.get(c.get("program"));
		String code = row.get(c.get("code"));
		String statusText = row.get(c.get("status"));
		String payoutEmail = row.get(c.get("payout_email"));
		String parentCode = row.get(c.get("parent_code"));
		String problem = checkEmail("e-mail", email, true);
		if (problem == null) {
			problem = checkLength(first, last);
		}
		if (problem == null && !payoutEmail.isEmpty()) {
			problem = checkEmail("payout e-mail", payoutEmail, false);
		}
		if (problem == null && PayoutEmail.Check.refused(payoutEmail)) {
			problem = "'" + shorten(payoutEmail) + "': " + PayoutEmail.MESSAGE;
		}
		if (problem == null && !code.isEmpty() && !CODE.matcher(code).matches()) {
			problem = "Code '" + shorten(code) + "' must be 3-40 letters, digits, '-' or '_'.";
		}
		if (problem != null) {
			return error(row, problem);
		}
		if (programName.isEmpty()) {
			return error(row, "Program is missing.");
		}
		Optional<ProgramSummary> program = this.programs.findProgramByName(programName);
		if (program.isEmpty()) {
			return error(row, "Unknown program '" + shorten(programName) + "'.");
		}
		PartnerStatus status = PartnerStatus.APPROVED;
		if (!statusText.isEmpty()) {
			try {
				status = PartnerStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				return error(row, "Status '" + shorten(statusText) + "' is not pending, approved or suspended.");
			}
		}
		problem = seen.duplicate("email", email.toLowerCase(Locale.ROOT), row.line());
		if (problem == null && !code.isEmpty()) {
			problem = seen.duplicate("code", code.toLowerCase(Locale.ROOT), row.line());
		}
		if (problem != null) {
			return error(row, problem);
		}
		String summary = (code.isEmpty() ? "(code generated)" : code) + " · " + email + " · " + program.get().name();
		Optional<ContactSummary> contact = this.contacts.findByEmail(email);
		Optional<PartnerSummary> byCode = code.isEmpty() ? Optional.empty() : this.partners.findByCode(code);
		Optional<PartnerSummary> byContact = contact.flatMap(x -> this.partners.findByContactId(x.id()));
		if (byCode.isPresent()) {
			if (contact.isEmpty() || byCode.get().contactId() != contact.get().id()) {
				return error(row, "Code '" + code + "' belongs to another partner.");
			}
			return new RowResult(row.line(), Action.EXISTS, summary, null);
		}
		if (byContact.isPresent()) {
			if (code.isEmpty()) {
				return new RowResult(row.line(), Action.EXISTS, summary, null);
			}
			return error(row, email + " is already a partner with code '" + byContact.get().code() + "'.");
		}
		Long parentId = null;
		if (!parentCode.isEmpty()) {
			Optional<PartnerSummary> parent = this.partners.findByCode(parentCode);
			if (parent.isEmpty() && !(seen.has("code", parentCode.toLowerCase(Locale.ROOT)) && !apply)) {
				return error(row, "Unknown parent code '" + shorten(parentCode) + "'.");
			}
			parentId = parent.map(PartnerSummary::id).orElse(null);
		}
		if (apply) {
			try {
				long contactId = contact.isPresent() ? contact.get().id()
						: this.contacts.create(email, first, last).id();
				this.partners.enroll(contactId, program.get().id(), code.isEmpty() ? null : code, status, parentId,
						payoutEmail.isEmpty() ? null : payoutEmail);
			}
			catch (ConflictException | InvalidInputException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		}
		return new RowResult(row.line(), Action.CREATE, summary, null);
	}

	private static RowResult error(CsvTable.Row row, String message) {
		return new RowResult(row.line(), Action.ERROR, "", message);
	}

	private static String checkEmail(String what, String email, boolean required) {
		if (email.isEmpty()) {
			return required ? "E-mail is missing." : null;
		}
		if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			return "'" + shorten(email) + "' is not a valid " + what + ".";
		}
		return null;
	}

	private static String checkLength(String first, String last) {
		return first.length() > 100 || last.length() > 100 ? "Names may have at most 100 characters." : null;
	}

	private static String shorten(String value) {
		String clean = value.replaceAll("\\p{Cntrl}", "");
		return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
	}

	private static String truncate(String value, int max) {
		return value == null ? "" : value.length() > max ? value.substring(0, max) : value;
	}

	// --- headers

	/** Column index per documented column name (-1 when the file does not have it). */
	record Columns(Map<String, Integer> index) {

		int get(String column) {
			return this.index.getOrDefault(column, -1);
		}

	}

	static Columns checkHeaders(ImportKind kind, CsvTable table) {
		Map<String, Integer> index = new LinkedHashMap<>();
		for (String column : kind.columns()) {
			index.put(column, table.column(ImportKind.aliases(column)));
		}
		List<String> missing = kind.required().stream().filter(column -> index.get(column) < 0).toList();
		if (!missing.isEmpty()) {
			throw new InvalidInputException("file", "The header row must name the column" + (missing.size() > 1 ? "s " : " ")
					+ String.join(", ", missing) + " (found: " + shorten(String.join(", ", table.headers())) + ").");
		}
		return new Columns(index);
	}

	/** Values earlier rows of the file used, for "duplicate of line n". */
	private static final class Seen {

		private final Map<String, Integer> lines = new HashMap<>();

		String duplicate(String field, String value, int line) {
			Integer first = this.lines.putIfAbsent(field + ":" + value, line);
			return first == null ? null : "Duplicate " + (field.equals("email") ? "e-mail" : field) + " (same as line "
					+ first + ").";
		}

		boolean has(String field, String value) {
			return this.lines.containsKey(field + ":" + value);
		}

		void remember(ImportKind kind, Columns c, CsvTable.Row row) {
			if (kind == ImportKind.COMMISSIONS) {
				String externalId = row.get(c.get("external_id"));
				if (!externalId.isEmpty()) {
					this.lines.putIfAbsent("external id:" + externalId, row.line());
				}
				return;
			}
			String email = row.get(c.get("email")).toLowerCase(Locale.ROOT);
			if (!email.isEmpty()) {
				this.lines.putIfAbsent("email:" + email, row.line());
			}
			if (kind == ImportKind.PARTNERS) {
				String code = row.get(c.get("code")).toLowerCase(Locale.ROOT);
				if (!code.isEmpty()) {
					this.lines.putIfAbsent("code:" + code, row.line());
				}
			}
		}

	}

	// --- jobs

	private record Draft(ImportKind kind, String content, String actor) {
	}

	private Draft draft(long id) {
		return this.jdbc.sql("select kind, content, created_by from import_job where id = :id")
			.param("id", id)
			.query((rs, n) -> new Draft(ImportKind.of(rs.getString("kind")), rs.getString("content"),
					rs.getString("created_by")))
			.optional()
			.orElseThrow(() -> new NotFoundException("No import " + id + "."));
	}

	/** An import_job row before its job's status and progress are joined in. */
	private record Row(long id, Long jobId, String kind, String fileName, int total, int created, int existing,
			int failed, String createdBy, Instant createdAt) {
	}

	private static final String SELECT_JOB = """
			select id, job_id, kind, file_name, total, created, existing, failed, created_by, created_at
			from import_job""";

	private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getLong("id"), rs.getObject("job_id", Long.class), rs.getString("kind"),
				rs.getString("file_name"), rs.getInt("total"), rs.getInt("created"), rs.getInt("existing"),
				rs.getInt("failed"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}

	/** Drafts have no job; started imports take status, rows done, error and end from theirs. */
	private List<Job> page(List<Row> rows) {
		Map<Long, dev.partnerhub.jobs.Job> jobs = this.jobs.findAll(
				rows.stream().map(Row::jobId).filter(java.util.Objects::nonNull).toList());
		List<Job> page = new ArrayList<>(rows.size());
		for (Row row : rows) {
			dev.partnerhub.jobs.Job job = row.jobId() == null ? null : jobs.get(row.jobId());
			page.add(new Job(row.id(), row.kind(), row.fileName(), job == null ? "draft" : job.status().value(),
					row.total(), job == null ? 0 : (int) job.done(), row.created(), row.existing(), row.failed(),
					job == null ? null : job.error(), row.createdBy(), row.createdAt(),
					job == null ? null : job.finishedAt()));
		}
		return page;
	}

}
