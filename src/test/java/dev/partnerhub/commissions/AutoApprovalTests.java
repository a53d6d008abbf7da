package dev.partnerhub.commissions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.commissions.domain.AutoApproval;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AutoApprovalTests {

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
	AutoApproval autoApproval;

	CommissionSeeds seeds;

	@BeforeEach
	void seeds() {
		this.seeds = new CommissionSeeds(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
	}

	@Test
	void approvesPendingCommissionsPastTheirProgramsDelayOnly() throws Exception {
		Instant now = Instant.now();
		ProgramSummary delayed = this.seeds.program(30);
		ProgramSummary manual = this.seeds.program(null);
		var due = this.seeds.seed(delayed, 3, now.minus(31, ChronoUnit.DAYS));
		var notYet = this.seeds.seed(delayed, 2, now.minus(29, ChronoUnit.DAYS));
		var handOnly = this.seeds.seed(manual, 2, now.minus(400, ChronoUnit.DAYS));
		this.seeds.setStatus(List.of(due.ids().get(2)), "refunded");

		assertThat(this.autoApproval.approveDue()).isGreaterThanOrEqualTo(2);
		assertThat(this.seeds.statusOf(due.ids().get(0))).isEqualTo("approved");
		assertThat(this.seeds.statusOf(due.ids().get(1))).isEqualTo("approved");
		assertThat(this.seeds.statusOf(due.ids().get(2))).isEqualTo("refunded");
		notYet.ids().forEach(id -> assertThat(this.seeds.statusOf(id)).isEqualTo("pending"));
		handOnly.ids().forEach(id -> assertThat(this.seeds.statusOf(id)).isEqualTo("pending"));
		assertThat(
				this.jdbc.sql("select actor from audit_entry where action = 'commission.approve' and subject_id = :id")
					.param("id", due.ids().get(0).toString())
					.query(String.class)
					.single())
			.isEqualTo("system");
		assertThat(this.autoApproval.approveDue()).isZero().as("nothing left to do for these");
	}

	@Test
	void racingAManualDeclineEachCommissionEndsOneWayOnce() throws Exception {
		var seeded = this.seeds.seed(this.seeds.program(0), 3_000, Instant.now().minus(2, ChronoUnit.DAYS));
		List<Long> ids = seeded.ids();
		String json = ids.stream()
			.map(String::valueOf)
			.collect(Collectors.joining(",", "{\"ids\": [", "], \"reason\": \"manual review\"}"));
		CompletableFuture<Integer> auto = CompletableFuture.supplyAsync(this.autoApproval::approveDue);
		CompletableFuture<Integer> manual = CompletableFuture.supplyAsync(() -> {
			try {
				return this.mvc
					.perform(post("/api/v1/commissions/decline").header("Authorization", IntegrationTest.BEARER)
						.contentType(MediaType.APPLICATION_JSON)
						.content(json))
					.andReturn()
					.getResponse()
					.getStatus();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		auto.join();
		assertThat(manual.join()).isEqualTo(200);
		SqlArrayValue array = new SqlArrayValue("bigint", ids.toArray());
		assertThat(this.jdbc
			.sql("select count(*) from commission where id = any(:ids) and status in ('approved', 'declined')")
			.param("ids", array)
			.query(Long.class)
			.single()).isEqualTo(3_000);
		assertThat(this.seeds.audits(ids, "commission.approve") + this.seeds.audits(ids, "commission.decline"))
			.isEqualTo(3_000);
	}

}
