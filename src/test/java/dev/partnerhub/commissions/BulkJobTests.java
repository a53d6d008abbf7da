package dev.partnerhub.commissions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.commissions.domain.BulkJobs;
import dev.partnerhub.commissions.domain.CommissionLifecycle.Kind;
import dev.partnerhub.commissions.domain.CommissionQueries.Filter;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class BulkJobTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BulkJobs jobs;

	@Autowired
	JobApi facility;

	CommissionSeeds seeds;

	@BeforeEach
	void seeds() {
		this.seeds = new CommissionSeeds(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
	}

	private BulkJobs.Job awaitFinished(long id) {
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !this.jobs.find(id).orElseThrow().active());
		return this.jobs.find(id).orElseThrow();
	}

	@Test
	void approvesAllMatchingTheFilterInSeveralChunks() throws Exception {
		var seeded = this.seeds.seed(this.seeds.program(null), 12_000, Instant.parse("2026-04-01T10:00:00Z"));
		List<Long> ids = seeded.ids();
		assertThat(ids).hasSize(12_000);
		this.seeds.setStatus(ids.subList(0, 100), "paid");
		this.seeds.setStatus(ids.subList(100, 150), "declined");

		long id = this.jobs.submitFilter(Kind.APPROVE, new Filter(seeded.partner().code(), null, null, null, null),
				null, "admin@test.local", 5_000);
		BulkJobs.Job job = awaitFinished(id);
		assertThat(job.status()).isEqualTo("done");
		assertThat(job.total()).isEqualTo(12_000);
		assertThat(job.processed()).isEqualTo(12_000);
		assertThat(job.changed()).isEqualTo(11_850);
		assertThat(job.skipped()).isEqualTo(150);
		assertThat(job.skippedReasons()).containsEntry("paid", 100).containsEntry("declined", 50);
		assertThat(this.jdbc.sql("select count(*) from commission where partner_id = :p and status = 'approved'")
			.param("p", seeded.partner().id())
			.query(Long.class)
			.single()).isEqualTo(11_850);
		assertThat(this.seeds.audits(ids, "commission.approve")).isEqualTo(11_850);

		this.mvc.perform(get("/admin/jobs/" + id + "/progress").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("role=\"progressbar\"")))
			.andExpect(content().string(containsString("aria-valuenow=\"100\"")))
			.andExpect(content().string(not(containsString("hx-trigger"))));
		this.mvc.perform(get("/admin/jobs/" + id).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("11850 approved")))
			.andExpect(content().string(containsString("100 paid")));
		this.mvc.perform(get("/admin/jobs").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/admin/jobs/" + id)));
		this.mvc.perform(get("/admin/jobs/999999999").with(ADMIN)).andExpect(status().isNotFound());
		this.mvc.perform(get("/admin/jobs/abc/progress").with(ADMIN)).andExpect(status().isNotFound());
	}

	@Test
	void aJobLeftRunningByACrashIsResumedFromItsCursor() throws Exception {
		var seeded = this.seeds.seed(this.seeds.program(null), 3_000, Instant.parse("2026-04-01T10:00:00Z"));
		List<Long> ids = seeded.ids();
		// What a crash after the first chunk leaves: 1,000 approved, the job's cursor on
		// the last of them, no heartbeat.
		this.seeds.setStatus(ids.subList(0, 1_000), "approved");
		long jobId = this.jdbc.sql("""
				insert into job (kind, status, cursor, done, total, created_by, started_at, heartbeat)
				values ('commissions.bulk', 'running', :cursor, 1000, 3000, 'admin@test.local',
				        now() - interval '1 hour', now() - interval '1 hour')
				returning id
				""").param("cursor", ids.get(999).toString()).query(Long.class).single();
		long id = this.jdbc.sql("""
				insert into bulk_job (job_id, kind, ids, chunk_size, changed)
				values (:job, 'approve', :ids, 1000, 1000)
				returning id
				""")
			.param("job", jobId)
			.param("ids", new SqlArrayValue("bigint", ids.toArray()))
			.query(Long.class)
			.single();
		this.mvc.perform(get("/admin/jobs/" + id + "/progress").with(ADMIN))
			.andExpect(content().string(containsString("aria-valuenow=\"33\"")))
			.andExpect(content().string(containsString("hx-trigger=\"every 1s\"")));

		assertThat(this.facility.recoverStale(Duration.ofMinutes(2))).contains(jobId);
		BulkJobs.Job job = awaitFinished(id);
		assertThat(job.status()).isEqualTo("done");
		assertThat(job.processed()).isEqualTo(3_000);
		assertThat(job.changed()).isEqualTo(3_000);
		assertThat(job.skipped()).isZero();
		assertThat(this.jdbc.sql("select count(*) from commission where partner_id = :p and status = 'approved'")
			.param("p", seeded.partner().id())
			.query(Long.class)
			.single()).isEqualTo(3_000);
		// A job that is done is not taken up again.
		assertThat(this.facility.recoverStale(Duration.ZERO)).doesNotContain(jobId);
	}

	@Test
	void consoleBulkApproveAndDeclineOfSelectedRows() throws Exception {
		var seeded = this.seeds.seed(this.seeds.program(null), 4, Instant.parse("2026-04-01T10:00:00Z"));
		List<Long> ids = seeded.ids();
		String page = this.mvc.perform(get("/admin/commissions?partner=" + seeded.partner().code()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		// "everything matching" names the filter in words with the count of pending
		// commissions it covers
		assertThat(page).contains("name=\"ids\"", "value=\"" + ids.get(0) + "\"", "data-select-all",
				"<strong>4</strong> pending", "id=\"bulk-filter-words\">partner " + seeded.partner().code() + "<",
				"Approve all 4 pending commissions matching partner " + seeded.partner().code() + "?",
				"/admin/commissions/bulk");

		String location = this.mvc
			.perform(post("/admin/commissions/bulk").with(ADMIN)
				.with(csrf())
				.param("action", "approve")
				.param("scope", "selected")
				.param("ids", ids.get(0).toString(), ids.get(1).toString()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrlPattern("/admin/jobs/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		BulkJobs.Job approved = awaitFinished(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
		assertThat(approved.changed()).isEqualTo(2);
		assertThat(approved.createdBy()).isEqualTo("admin@test.local");
		assertThat(
				this.jdbc.sql("select actor from audit_entry where action = 'commission.approve' and subject_id = :id")
					.param("id", ids.get(0).toString())
					.query(String.class)
					.single())
			.isEqualTo("admin@test.local");

		// Declining needs a reason: back to the list (filters kept) with a message.
		this.mvc
			.perform(post("/admin/commissions/bulk").with(ADMIN)
				.with(csrf())
				.param("action", "decline")
				.param("scope", "filter")
				.param("partner", seeded.partner().code()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrlPattern("/admin/commissions?partner=*"))
			.andExpect(flash().attribute("error", containsString("reason")));
		this.mvc.perform(post("/admin/commissions/bulk").with(ADMIN).with(csrf()).param("action", "approve"))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("error", containsString("Select")));
		this.mvc
			.perform(post("/admin/commissions/bulk").with(ADMIN)
				.with(csrf())
				.param("action", "approve")
				.param("ids", "1; drop table"))
			.andExpect(status().isFound());

		location = this.mvc
			.perform(post("/admin/commissions/bulk").with(ADMIN)
				.with(csrf())
				.param("action", "decline")
				.param("scope", "filter")
				.param("partner", seeded.partner().code())
				.param("reason", "fraud"))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		BulkJobs.Job declined = awaitFinished(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
		assertThat(declined.changed()).isEqualTo(2);
		assertThat(declined.skippedReasons()).containsEntry("approved", 2);
		assertThat(this.seeds.statusOf(ids.get(3))).isEqualTo("declined");
	}

	@Test
	void bulkNeedsCsrfAndAnAdmin() throws Exception {
		this.mvc.perform(post("/admin/commissions/bulk").with(ADMIN).param("action", "approve").param("ids", "1"))
			.andExpect(status().isForbidden());
		var partner = user("p@test.local").roles("PARTNER");
		this.mvc.perform(
				post("/admin/commissions/bulk").with(partner).with(csrf()).param("action", "approve").param("ids", "1"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/jobs").with(partner)).andExpect(status().isForbidden());
	}

}
