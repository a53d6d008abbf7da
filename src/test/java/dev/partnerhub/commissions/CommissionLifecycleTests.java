package dev.partnerhub.commissions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@RecordApplicationEvents
class CommissionLifecycleTests {

	@Autowired
	ApplicationEvents events;

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
	CommissionApi commissions;

	CommissionSeeds seeds;

	@BeforeEach
	void seeds() {
		this.seeds = new CommissionSeeds(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
	}

	private ResultActions api(String action, String json) throws Exception {
		return this.mvc.perform(post("/api/v1/commissions/" + action).header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	private static String ids(List<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
	}

	@Test
	void approveChangesOnlyPendingAndSaysWhyOthersWereSkipped() throws Exception {
		var seeded = this.seeds.seed(this.seeds.program(null), 6, Instant.parse("2026-03-01T10:00:00Z"));
		List<Long> ids = seeded.ids();
		this.seeds.setStatus(List.of(ids.get(1)), "approved");
		this.seeds.setStatus(List.of(ids.get(2)), "paid");
		this.seeds.setStatus(List.of(ids.get(3)), "refunded");
		this.seeds.setStatus(List.of(ids.get(4)), "declined");
		long unknown = Long.MAX_VALUE - 7;
		List<Long> asked = new ArrayList<>(ids);
		asked.add(unknown);
		asked.add(ids.get(0)); // a duplicate counts once

		MvcResult result = api("approve", "{\"ids\": " + ids(asked) + "}").andExpect(status().isOk())
			.andExpect(jsonPath("$.changed").value(2))
			.andReturn();
		String body = result.getResponse().getContentAsString();
		assertThat(JsonPath.<List<Object>>read(body, "$.skipped")).hasSize(5);
		assertThat(reason(body, ids.get(1))).isEqualTo("already approved");
		assertThat(reason(body, ids.get(2))).isEqualTo("paid");
		assertThat(reason(body, ids.get(3))).isEqualTo("refunded");
		assertThat(reason(body, ids.get(4))).isEqualTo("declined");
		assertThat(reason(body, unknown)).isEqualTo("not found");
		assertThat(this.seeds.statusOf(ids.get(0))).isEqualTo("approved");
		assertThat(this.seeds.statusOf(ids.get(5))).isEqualTo("approved");
		assertThat(this.jdbc.sql("select approved_at is not null from commission where id = :id")
			.param("id", ids.get(0))
			.query(Boolean.class)
			.single()).isTrue();
		// One audit row per change, by the API key, none for the skipped ones.
		assertThat(this.seeds.audits(List.of(ids.get(0), ids.get(5)), "commission.approve")).isEqualTo(2);
		assertThat(this.seeds.audits(ids.subList(1, 5), "commission.approve")).isZero();
		assertThat(
				this.jdbc.sql("select actor from audit_entry where action = 'commission.approve' and subject_id = :id")
					.param("id", String.valueOf(ids.get(0)))
					.query(String.class)
					.single())
			.startsWith("api-key");

		assertThat(
				this.events.stream(CommissionsStatusChanged.class).filter(e -> e.commissionIds().contains(ids.get(0))))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.commissionIds()).containsExactlyInAnyOrder(ids.get(0), ids.get(5));
				assertThat(e.to()).isEqualTo(CommissionStatus.APPROVED);
			});

		// Idempotent: the same request again changes nothing.
		api("approve", "{\"ids\": " + ids(ids) + "}").andExpect(status().isOk())
			.andExpect(jsonPath("$.changed").value(0));
		assertThat(this.seeds.audits(List.of(ids.get(0)), "commission.approve")).isEqualTo(1);
	}

	@SuppressWarnings("unchecked")
	private static String reason(String body, long id) {
		List<String> reasons = JsonPath.read(body, "$.skipped[?(@.id == " + id + ")].reason");
		assertThat(reasons).hasSize(1);
		return reasons.get(0);
	}

	@Test
	void declineNeedsAReasonAndKeepsIt() throws Exception {
		var seeded = this.seeds.seed(this.seeds.program(null), 3, Instant.parse("2026-03-01T10:00:00Z"));
		List<Long> ids = seeded.ids();
		api("decline", "{\"ids\": " + ids(ids) + "}").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		api("decline", "{\"ids\": " + ids(ids) + ", \"reason\": \"  \"}").andExpect(status().isBadRequest());
		assertThat(this.seeds.statusOf(ids.get(0))).isEqualTo("pending");

		this.seeds.setStatus(List.of(ids.get(2)), "approved");
		api("decline", "{\"ids\": " + ids(ids) + ", \"reason\": \"self-referral\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.changed").value(2))
			.andExpect(jsonPath("$.skipped[0].id").value(ids.get(2)))
			.andExpect(jsonPath("$.skipped[0].reason").value("approved"));
		assertThat(this.jdbc.sql("select decline_reason from commission where id = :id")
			.param("id", ids.get(0))
			.query(String.class)
			.single()).isEqualTo("self-referral");
		assertThat(
				this.jdbc.sql("select detail from audit_entry where action = 'commission.decline' and subject_id = :id")
					.param("id", String.valueOf(ids.get(1)))
					.query(String.class)
					.single())
			.isEqualTo("self-referral");
		api("approve", "{\"ids\": " + ids(ids.subList(0, 1)) + "}").andExpect(jsonPath("$.changed").value(0))
			.andExpect(jsonPath("$.skipped[0].reason").value("declined"));
		api("decline", "{\"ids\": " + ids(ids.subList(0, 1)) + ", \"reason\": \"again\"}")
			.andExpect(jsonPath("$.skipped[0].reason").value("already declined"));
	}

	@Test
	void badRequestsAreProblemsAndTheApiNeedsAKey() throws Exception {
		api("approve", "{\"ids\": [1], \"extra\": true}").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("extra")));
		api("approve", "{}").andExpect(status().isBadRequest());
		api("approve", "{\"ids\": []}").andExpect(status().isBadRequest());
		api("approve", "{\"ids\": [1, null]}").andExpect(status().isBadRequest());
		api("approve", "{\"ids\": [\"x\"]}").andExpect(status().isBadRequest());
		api("approve", "not json").andExpect(status().isBadRequest());
		api("decline", "{\"ids\": [1], \"reason\": \"" + "x".repeat(501) + "\"}").andExpect(status().isBadRequest());
		String tooMany = LongStream.rangeClosed(1, 100_001)
			.mapToObj(String::valueOf)
			.collect(Collectors.joining(",", "{\"ids\": [", "]}"));
		api("approve", tooMany).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("ids"));
		this.mvc
			.perform(post("/api/v1/commissions/approve").contentType(MediaType.APPLICATION_JSON)
				.content("{\"ids\": [1]}"))
			.andExpect(status().isUnauthorized());
		this.mvc
			.perform(post("/api/v1/commissions/decline").header("Authorization", "Bearer wrong")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"ids\": [1], \"reason\": \"x\"}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void concurrentApprovesAndDeclinesChangeEachCommissionExactlyOnce() throws Exception {
		var seeded = this.seeds.seed(this.seeds.program(null), 200, Instant.parse("2026-03-01T10:00:00Z"));
		List<Long> ids = seeded.ids();
		assertThat(ids).hasSize(200);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<MvcResult>> results = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				// Each thread asks in its own order: locking in id order must keep them
				// from deadlocking.
				List<Long> mine = new ArrayList<>(ids);
				java.util.Collections.rotate(mine, i * 10);
				String json = i % 2 == 0 ? "{\"ids\": " + ids(mine) + "}"
						: "{\"ids\": " + ids(mine) + ", \"reason\": \"race " + i + "\"}";
				String action = i % 2 == 0 ? "approve" : "decline";
				results.add(pool.submit(() -> {
					start.await();
					return api(action, json).andReturn();
				}));
			}
			start.countDown();
			int changed = 0;
			int skipped = 0;
			for (Future<MvcResult> future : results) {
				MvcResult result = future.get();
				assertThat(result.getResponse().getStatus()).isEqualTo(200);
				String body = result.getResponse().getContentAsString();
				changed += JsonPath.<Integer>read(body, "$.changed");
				skipped += JsonPath.<List<Object>>read(body, "$.skipped").size();
			}
			assertThat(changed).isEqualTo(200);
			assertThat(skipped).isEqualTo(20 * 200 - 200);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc
			.sql("select count(*) from commission where id = any(:ids) and status in ('approved', 'declined')")
			.param("ids", new org.springframework.jdbc.support.SqlArrayValue("bigint", ids.toArray()))
			.query(Long.class)
			.single()).isEqualTo(200);
		long audited = this.seeds.audits(ids, "commission.approve") + this.seeds.audits(ids, "commission.decline");
		assertThat(audited).isEqualTo(200);
	}

	@Test
	void largeRequestsRacingEachOtherInParallelChunksStillChangeEachCommissionOnce() throws Exception {
		var seeded = this.seeds.seed(this.seeds.program(null), 12_000, Instant.parse("2026-03-01T10:00:00Z"));
		List<Long> ids = seeded.ids();
		List<Long> reversed = new ArrayList<>(ids);
		java.util.Collections.reverse(reversed);
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<MvcResult>> results = new ArrayList<>();
			for (String json : List.of("{\"ids\": " + ids(ids) + "}",
					"{\"ids\": " + ids(reversed) + ", \"reason\": \"race\"}", "{\"ids\": " + ids(ids) + "}")) {
				String action = json.contains("reason") ? "decline" : "approve";
				results.add(pool.submit(() -> {
					start.await();
					return api(action, json).andReturn();
				}));
			}
			start.countDown();
			int changed = 0;
			for (Future<MvcResult> future : results) {
				MvcResult result = future.get();
				assertThat(result.getResponse().getStatus()).isEqualTo(200);
				changed += JsonPath.<Integer>read(result.getResponse().getContentAsString(), "$.changed");
			}
			assertThat(changed).isEqualTo(12_000);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.seeds.audits(ids, "commission.approve") + this.seeds.audits(ids, "commission.decline"))
			.isEqualTo(12_000);
	}

	@Test
	void theModuleApiAuditsAsTheCurrentActor() {
		Instant at = Instant.parse("2026-03-01T10:00:00Z");
		try {
			var seeded = this.seeds.seed(this.seeds.program(null), 2, at);
			LifecycleResult result = this.commissions.approve(seeded.ids());
			assertThat(result.changed()).isEqualTo(2);
			assertThat(this.jdbc
				.sql("select actor from audit_entry where action = 'commission.approve' and subject_id = :id")
				.param("id", String.valueOf(seeded.ids().get(0)))
				.query(String.class)
				.single()).isEqualTo("system");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
