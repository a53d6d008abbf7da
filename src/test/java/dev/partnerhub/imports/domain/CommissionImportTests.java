package dev.partnerhub.imports.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.EarningsTotal;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Commission import (kind "commissions") against the real database: dry run, import,
 * idempotent re-import, row errors, hostile strings, payouts and rollups seeing imported
 * commissions, and two imports of the same file running at the same time (real threads)
 * creating each commission once. In this package to drive {@code run}.
 */
@IntegrationTest
class CommissionImportTests {

	private static final String ADMIN = "admin@test.local";

	@Autowired
	MockMvc mvc;

	@Autowired
	CsvImports imports;

	@Autowired
	JobApi jobs;

	@Autowired
	ContactApi contacts;

	@Autowired
	CommissionApi commissions;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contactService;

	@Autowired
	RollupApi rollups;

	@Autowired
	JdbcClient jdbc;

	private ProgramSummary program() {
		return new OrderFixtures(this.programs, this.partners, this.contactService, this.mvc).program(2,
				Rate.percent("10"), Rate.percent("5"));
	}

	private PartnerSummary partner(ProgramSummary program, String code) {
		long contact = this.contacts.create(code + "@partners.example.com", "Pat", code).id();
		return this.partners.enroll(new Enrollment(contact, program.id(), code, PartnerStatus.APPROVED, null,
				code + "@paypal.example.com", null));
	}

	@Test
	void dryRunWritesNothingThenImportsEachCommissionOnceAndReImportCreatesNothing() throws Exception {
		String u = OrderFixtures.unique("");
		ProgramSummary program = program();
		PartnerSummary ann = partner(program, "ann" + u);
		PartnerSummary bob = partner(program, "bob" + u);
		var sku = this.programs.createProduct(OrderFixtures.unique("SKU-"), "Course", new BigDecimal("99"), "USD");
		// Another system's headers, a BOM, semicolons, the partner by code or by e-mail.
		String csv = "\uFEFFCommission ID;Affiliate;Customer Email;Order ID;SKU;Commission Amount;Currency;Tier;Status;Date;Paid Date;Sale Amount\n"
				+ "x1-" + u + ";ann" + u + ";buyer1-" + u + "@example.com;A-100;" + sku.sku()
				+ ";12.50;;1;approved;2025-03-01;;125.00\n" + "x2-" + u + ";ann" + u + "@partners.example.com;buyer2-"
				+ u + "@example.com;;;50;USD;;paid;2025-02-01T10:00:00Z;2025-03-05;\n" + "x3-" + u + ";bob" + u
				+ ";buyer1-" + u + "@example.com;A-100;;1.05;USD;2;pending;2025-03-01 12:30;;\n" + "x4-" + u + ";bob"
				+ u + ";buyer3-" + u + "@example.com;;;7.00;;1;declined;2025-03-02;;\n";
		long id = upload(csv);
		this.mvc.perform(get("/admin/import/" + id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("4 rows")))
			.andExpect(content().string(containsString("4 would be created")))
			.andExpect(content().string(containsString("0 with errors")));
		// The dry run wrote nothing: no commission, no order, no contact.
		assertThat(this.commissions.existsExternal("x1-" + u)).isFalse();
		assertThat(this.contacts.findByEmail("buyer1-" + u + "@example.com")).isEmpty();
		assertThat(count("select count(*) from customer_order where order_id like :p", "imported:x_-" + u)).isZero();

		this.mvc.perform(post("/admin/import/" + id + "/start").with(admin()).with(csrf()));
		CsvImports.Job job = awaitDone(id);
		assertThat(List.of(job.processed(), job.created(), job.existing(), job.failed())).containsExactly(4, 4, 0, 0);

		Map<String, Object> x1 = row("x1-" + u);
		assertThat(x1).containsEntry("partner_id", ann.id())
			.containsEntry("status", "approved")
			.containsEntry("sku", sku.sku())
			.containsEntry("currency", "USD");
		assertThat((BigDecimal) x1.get("amount")).isEqualByComparingTo("12.50");
		assertThat((BigDecimal) x1.get("base_amount")).isEqualByComparingTo("125.00");
		assertThat(x1.get("approved_at")).isNotNull();
		assertThat(x1.get("paid_at")).isNull();
		assertThat((String) x1.get("reason")).contains("order A-100").contains(ADMIN);
		Map<String, Object> x2 = row("x2-" + u);
		assertThat(x2).containsEntry("partner_id", ann.id())
			.containsEntry("status", "paid")
			.containsEntry("sku", "imported-commission");
		assertThat(x2.get("paid_at").toString()).startsWith("2025-03-05");
		assertThat(row("x3-" + u)).containsEntry("partner_id", bob.id());
		assertThat(((Number) row("x3-" + u).get("tier")).intValue()).isEqualTo(2);
		assertThat(((Number) x1.get("tier")).intValue()).isEqualTo(1);
		assertThat(row("x4-" + u)).containsEntry("status", "declined");
		assertThat(this.contacts.findByEmail("buyer1-" + u + "@example.com")).isPresent();
		// The placeholder product of rows without a sku is never for sale on the hosted
		// order form.
		this.mvc.perform(get("/buy/imported-commission")).andExpect(status().isNotFound());
		// Each commission stands on its own completed order; the buyer's referral info is
		// left alone.
		assertThat(count("select count(*) from customer_order where order_id like :p and status = 'completed'",
				"imported:x_-" + u))
			.isEqualTo(4);
		assertThat(this.contacts.findByEmail("buyer1-" + u + "@example.com").orElseThrow().lastReferrerId()).isNull();
		// Audited as the importing admin, in the worker thread.
		assertThat(count("select count(*) from audit_entry where action = 'commission.import' and actor = '" + ADMIN
				+ "' and detail like :p", "external id x_-" + u + ";%"))
			.isEqualTo(4);

		// The partner center's earnings see them like any other commission.
		List<EarningsTotal> earnings = this.commissions.earningsOf(ann.id());
		assertThat(earnings).anySatisfy(e -> {
			assertThat(e.status()).isEqualTo(CommissionStatus.PAID);
			assertThat(e.amount()).isEqualByComparingTo("50.00");
		});

		// The same file again: everything "already imported", nothing created twice.
		long again = upload(csv);
		this.mvc.perform(get("/admin/import/" + again).with(admin()))
			.andExpect(content().string(containsString("0 would be created")))
			.andExpect(content().string(containsString("4 exist already")))
			.andExpect(content().string(containsString("(already imported)")));
		this.imports.start(again);
		CsvImports.Job second = awaitDone(again);
		assertThat(List.of(second.created(), second.existing(), second.failed())).containsExactly(0, 4, 0);
		assertThat(count("select count(*) from commission where external_id like :p", "x_-" + u)).isEqualTo(4);
	}

	@Test
	void importedPaidCommissionsAreNeverPaidAgainAndApprovedOnesArePaidOnceAndRollupsFollow() throws Exception {
		String u = OrderFixtures.unique("");
		ProgramSummary program = program();
		PartnerSummary cat = partner(program, "cat" + u);
		RollupField sum = this.rollups.create("Imported earnings " + u, RollupFunction.SUM,
				Relationship.COMMISSIONS_EARNED, "amount", null);
		String csv = "external_id,partner,customer_email,amount,status,transaction_date,paid_date\n" + "p1-" + u
				+ ",cat" + u + ",c1-" + u + "@example.com,40.00,paid,2025-01-10,2025-02-01\n" + "p2-" + u + ",cat" + u
				+ ",c2-" + u + "@example.com,15.25,approved,2025-02-10,\n" + "p3-" + u + ",cat" + u + ",c3-" + u
				+ "@example.com,3.00,pending,2025-02-11,\n";
		long id = upload(csv);
		this.imports.start(id);
		awaitDone(id);

		MvcResult batch = this.mvc
			.perform(post("/api/v1/payouts").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + program.name() + "\"}"))
			.andExpect(status().isCreated())
			.andReturn();
		String body = batch.getResponse().getContentAsString();
		// Only the approved one is offered; the imported paid one is not paid again.
		assertThat((String) JsonPath.read(body, "$.total")).isEqualTo("15.25");
		assertThat(count("select count(*) from payout_item_commission l join commission c on c.id = l.commission_id "
				+ "where c.external_id like :p", "p_-" + u))
			.isEqualTo(1);

		// The rollup trigger marked the partner dirty; after a refresh the stored value
		// is the fresh sum.
		long contactId = cat.contactId();
		BigDecimal stored = Awaitility.await("rollup refreshed").atMost(Duration.ofSeconds(10)).until(() -> {
			this.rollups.refreshPending();
			return this.jdbc.sql("select value from rollup_value where rollup_field_id = :f and contact_id = :c")
				.param("f", sum.id())
				.param("c", contactId)
				.query(BigDecimal.class)
				.optional()
				.orElse(null);
		}, value -> value != null && value.compareTo(new BigDecimal("58.25")) == 0);
		assertThat(stored).isEqualByComparingTo("58.25");
	}

	@Test
	void badRowsAreReportedWithTheirLineAndAClearMessage() throws Exception {
		String u = OrderFixtures.unique("");
		ProgramSummary program = program();
		partner(program, "dee" + u);
		String ok = ",dee" + u + ",b-" + u + "@example.com,";
		String csv = "external_id,partner,customer_email,amount,status,transaction_date,paid_date,tier,sku,currency\n"
				+ "e1-" + u + ",nobody" + u + ",b-" + u + "@example.com,10.00,approved,2025-01-01,,,,\n" // 2
				+ "e2-" + u + ok + "12.345,approved,2025-01-01,,,,\n" // 3
				+ "e3-" + u + ok + "-5,approved,2025-01-01,,,,\n" // 4
				+ "e4-" + u + ok + "1e3,approved,2025-01-01,,,,\n" // 5
				+ "e5-" + u + ok + "10.00,approved,31/12/2024,,,,\n" // 6
				+ "e6-" + u + ok + "10.00,cancelled,2025-01-01,,,,\n" // 7
				+ "e7-" + u + ok + "10.00,approved,2025-01-01,2025-02-01,,,\n" // 8
				+ "e8-" + u + ok + "10.00,approved,2025-01-01,,3,,\n" // 9
				+ "e9-" + u + ok + "10.00,approved,2025-01-01,,,NO-SUCH-" + u + ",\n" // 10
				+ "e1-" + u + ok + "10.00,approved,2025-01-01,,,,\n" // 11 duplicate of
																		// line 2
				+ ok.substring(1) + "10.00,approved,2025-01-01,,,,\n" // 12 no external id
																		// (columns shift:
																		// bad)
				+ "e10-" + u + ",dee" + u + ",not-an-email,10.00,approved,2025-01-01,,,,\n" // 13
				+ "e11-" + u + ok + "10.00,approved,2999-01-01,,,,\n" // 14
				+ "e12-" + u + ok + "0,approved,2025-01-01,,,,\n" // 15
				+ "e13-" + u + ok + "10.00,approved,2025-01-01,,,,EURO\n" // 16
				+ "e14-" + u + ok + "10.00,paid,2025-03-01,2025-01-01,,,\n" // 17 paid
																			// before the
																			// sale
				+ "e15-" + u + ok + "10.00,approved,2025-01-01,,,,\n"; // 18 fine
		long id = upload(csv);
		this.mvc.perform(get("/admin/import/" + id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("17 rows")))
			.andExpect(content().string(containsString("1 would be created")))
			.andExpect(content().string(containsString("16 with errors")));
		this.imports.start(id);
		CsvImports.Job job = awaitDone(id);
		assertThat(List.of(job.created(), job.failed())).containsExactly(1, 16);
		Map<Integer, String> errors = new java.util.HashMap<>();
		this.imports.errors(id).forEach(e -> errors.put(e.line(), e.message()));
		assertThat(errors.get(2)).isEqualTo("Unknown partner 'nobody" + u + "' (no partner has this code or e-mail).");
		assertThat(errors.get(3))
			.isEqualTo("Amount '12.345' is not a positive amount with at most 2 decimals (e.g. 12.50).");
		assertThat(errors.get(4)).startsWith("Amount '-5' is not a positive amount");
		assertThat(errors.get(5)).startsWith("Amount '1e3' is not a positive amount");
		assertThat(errors.get(6))
			.isEqualTo("Transaction date '31/12/2024' is not a date like 2025-03-31 or 2025-03-31T14:05:00Z.");
		assertThat(errors.get(7)).isEqualTo("Status 'cancelled' is not pending, approved, paid, declined or refunded.");
		assertThat(errors.get(8)).isEqualTo("Paid date is only for paid commissions (this one is approved).");
		assertThat(errors.get(9)).isEqualTo("Tier '3' must be 1 or 2.");
		assertThat(errors.get(10)).startsWith("Unknown product sku 'NO-SUCH-");
		assertThat(errors.get(11)).isEqualTo("Duplicate external id (same as line 2).");
		assertThat(errors.get(12)).isNotBlank();
		assertThat(errors.get(13)).isEqualTo("'not-an-email' is not a valid customer e-mail.");
		assertThat(errors.get(14)).contains("in the future");
		assertThat(errors.get(15)).startsWith("Amount '0' is not a positive amount");
		assertThat(errors.get(16))
			.isEqualTo("Currency 'EURO' must be an ISO 4217 code in upper case, such as USD or EUR.");
		assertThat(errors.get(17)).contains("before the transaction date");
		assertThat(errors).doesNotContainKey(18);
		assertThat(count("select count(*) from commission where external_id like :p", "e%-" + u)).isEqualTo(1);
		assertThat(this.commissions.existsExternal("e15-" + u)).isTrue();
		// A file without the required columns is refused at upload.
		this.mvc
			.perform(multipart("/admin/import")
				.file(new MockMultipartFile("file", "c.csv", "text/csv",
						"partner,amount\nx,1\n".getBytes(StandardCharsets.UTF_8)))
				.param("kind", "commissions")
				.with(admin())
				.with(csrf()))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("error", containsString("external_id, customer_email, transaction_date")));
	}

	@Test
	void hostileStringsAreRowErrorsNeverA500AndAreShownEscaped() throws Exception {
		String u = OrderFixtures.unique("");
		ProgramSummary program = program();
		partner(program, "eve" + u);
		List<String> hostile = List.of("<script>alert(1)</script>", "'; drop table commission; --",
				"\" onmouseover=\"alert(1)", "x".repeat(5000), "\u202Eevil\u0007\u001b", "😀🎉", "{{7*7}}",
				"${T(java.lang.Runtime)}", "=HYPERLINK(\"http://evil\")", "%00%0d%0a", "1' or '1'='1");
		StringBuilder csv = new StringBuilder("external_id,partner,customer_email,amount,status,transaction_date,"
				+ "order_id,sku,currency,tier,paid_date\n");
		int n = 0;
		for (String h : hostile) {
			String q = "\"" + h.replace("\"", "\"\"") + "\"";
			csv.append("h")
				.append(n++)
				.append('-')
				.append(u)
				.append(',')
				.append(q)
				.append(",c-")
				.append(u)
				.append("@example.com,1.00,approved,2025-01-01,,,,,\n");
			csv.append("h")
				.append(n++)
				.append('-')
				.append(u)
				.append(",eve")
				.append(u)
				.append(",")
				.append(q)
				.append(",1.00,approved,2025-01-01,,,,,\n");
			csv.append("h")
				.append(n++)
				.append('-')
				.append(u)
				.append(",eve")
				.append(u)
				.append(",c-")
				.append(u)
				.append("@example.com,")
				.append(q)
				.append(',')
				.append(q)
				.append(',')
				.append(q)
				.append(',')
				.append(q)
				.append(',')
				.append(q)
				.append(',')
				.append(q)
				.append(',')
				.append(q)
				.append(',')
				.append(q)
				.append('\n');
			csv.append(q)
				.append(",eve")
				.append(u)
				.append(",c-")
				.append(u)
				.append("@example.com,1.00,approved,2025-01-01,,,,,\n");
		}
		long id = upload(csv.toString());
		this.mvc.perform(get("/admin/import/" + id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("0 would be created")))
			.andExpect(content().string(not(containsString("<script>alert(1)</script>"))))
			.andExpect(content().string(not(containsString("\" onmouseover=\"alert(1)"))));
		this.imports.start(id);
		CsvImports.Job job = awaitDone(id);
		assertThat(job.created()).isZero();
		assertThat(job.failed()).isEqualTo(hostile.size() * 4);
		assertThat(this.imports.errors(id))
			.allSatisfy(e -> assertThat(e.message()).doesNotContain("\u0007").doesNotContain("Could not be imported"));
		this.mvc.perform(get("/admin/import/" + id + "/errors.csv").with(admin())).andExpect(status().isOk());
		assertThat(count("select count(*) from commission where external_id like :p", "h%-" + u)).isZero();
	}

	@Test
	void twoImportsOfTheSameFileAtTheSameTimeCreateEachCommissionOnce() throws Exception {
		String u = OrderFixtures.unique("");
		ProgramSummary program = program();
		partner(program, "fay" + u);
		StringBuilder csv = new StringBuilder("external_id,partner,customer_email,amount,status,transaction_date\n");
		int rows = 60;
		for (int i = 0; i < rows; i++) {
			// a few buyers shared between rows: their contact is upserted concurrently
			// too
			csv.append("k")
				.append(i)
				.append('-')
				.append(u)
				.append(",fay")
				.append(u)
				.append(",buyer")
				.append(i % 7)
				.append('-')
				.append(u)
				.append("@example.com,")
				.append(i + 1)
				.append(".10,approved,2025-01-0")
				.append(1 + i % 9)
				.append('\n');
		}
		long first = upload(csv.toString());
		long second = upload(csv.toString());
		// Queued as the console's "start" does (a queued job of the jobs facility, not
		// yet picked up), then claimed by
		// two real threads at once (as two instances would).
		Map<Long, Long> jobIds = new java.util.HashMap<>();
		for (long job : List.of(first, second)) {
			long jobId = this.jdbc.sql("""
					insert into job (kind, total, created_by) values ('imports.csv', :rows, 'admin@test.local')
					returning id
					""").param("rows", rows).query(Long.class).single();
			this.jdbc.sql("update import_job set job_id = :job where id = :id")
				.param("job", jobId)
				.param("id", job)
				.update();
			jobIds.put(job, jobId);
		}
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (long job : List.of(first, second)) {
			futures.add(pool.submit(() -> {
				go.await();
				this.jobs.run(jobIds.get(job));
				return null;
			}));
		}
		go.countDown();
		for (Future<?> f : futures) {
			f.get(120, TimeUnit.SECONDS);
		}
		pool.shutdown();
		CsvImports.Job a = this.imports.find(first).orElseThrow();
		CsvImports.Job b = this.imports.find(second).orElseThrow();
		assertThat(List.of(a.status(), b.status())).containsOnly("done");
		assertThat(a.created() + b.created()).isEqualTo(rows);
		assertThat(a.existing() + b.existing()).isEqualTo(rows);
		assertThat(a.failed() + b.failed()).isZero();
		assertThat(count("select count(*) from commission where external_id like :p", "k%-" + u)).isEqualTo(rows);
		assertThat(count("select count(*) from customer_order where order_id like :p", "imported:k%-" + u))
			.isEqualTo(rows);
		assertThat(count("select count(distinct external_id) from commission where external_id like :p", "k%-" + u))
			.isEqualTo(rows);
		assertThat(count("select count(*) from contact where email like :p", "buyer%-" + u + "@example.com"))
			.isEqualTo(7);
	}

	private Map<String, Object> row(String externalId) {
		return this.jdbc.sql("select * from commission where external_id = :e")
			.param("e", externalId)
			.query()
			.singleRow();
	}

	private long count(String sql, String pattern) {
		return this.jdbc.sql(sql).param("p", pattern).query(Long.class).single();
	}

	private long upload(String csv) throws Exception {
		String location = this.mvc
			.perform(
					multipart("/admin/import")
						.file(new MockMultipartFile("file", "commissions.csv", "text/csv",
								csv.getBytes(StandardCharsets.UTF_8)))
						.param("kind", "commissions")
						.with(admin())
						.with(csrf()))
			.andExpect(redirectedUrlPattern("/admin/import/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private CsvImports.Job awaitDone(long id) {
		CsvImports.Job job = Awaitility.await("import " + id + " finished")
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.imports.find(id).orElseThrow(),
					found -> !found.active() && !"draft".equals(found.status()));
		assertThat(job.status()).isEqualTo("done");
		return job;
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user(ADMIN).roles("ADMIN");
	}

}
