package dev.partnerhub.rollups;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.domain.RollupEngine;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A refresh takes the marks that exist when it starts: while writes keep marking a
 * partner, a drain still ends (before, it kept taking the new marks and recomputed a busy
 * partner over and over, holding the writers' lock).
 */
@IntegrationTest
class RollupDrainBoundTests {

	@Autowired
	RollupEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Test
	void aDrainEndsWhileMarksKeepArriving() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		PartnerSummary busy = f.partner(f.program(1, Rate.percent("10"), Rate.percent("0")));
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger marks = new AtomicInteger();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		// a writer committing a mark for the partner about every millisecond, like a
		// stream of his orders
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			while (writing.get() && System.nanoTime() < deadline) {
				this.jdbc.sql("insert into rollup_dirty (partner_id) values (:p)").param("p", busy.id()).update();
				marks.incrementAndGet();
			}
			writing.set(false);
		});
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> marks.get() >= 200);
		this.engine.drain();
		boolean endedWhileWriting = writing.get();
		writing.set(false);
		writer.get(30, TimeUnit.SECONDS);
		assertThat(endedWhileWriting).as("the drain ended while marks were still arriving").isTrue();
		// the marks written after it started are left for the next run, which takes them
		this.engine.drain();
		assertThat(this.jdbc.sql("select count(*) from rollup_dirty where partner_id = :p")
			.param("p", busy.id())
			.query(Long.class)
			.single()).isZero();
	}

}
