package dev.partnerhub.tracking;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.tracking.domain.ClickRecorder;
import dev.partnerhub.tracking.domain.ClickRecorder.PendingClick;
import dev.partnerhub.tracking.domain.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The buffered writer: bounded queue, counted drops, batch writes, flush on stop, bad rows isolated. */
@IntegrationTest
class ClickRecorderTests {

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClickRecorder shared;

	@Test
	void aFullQueueDropsAndCountsInsteadOfBlocking() {
		ClickRecorder recorder = TestTokens.recorder(this.jdbcTemplate, 2);
		long partner = uniquePartnerId();
		assertThat(recorder.record(click(partner, "a"))).isTrue();
		assertThat(recorder.record(click(partner, "b"))).isTrue();
		assertThat(recorder.record(click(partner, "c"))).isFalse();
		assertThat(recorder.droppedCount()).isEqualTo(1);
		assertThat(recorder.flush()).isEqualTo(2);
		assertThat(count(partner)).isEqualTo(2);
	}

	@Test
	void stoppingFlushesWhatIsQueued() {
		ClickRecorder recorder = TestTokens.recorder(this.jdbcTemplate, 10);
		recorder.start();
		long partner = uniquePartnerId();
		recorder.record(click(partner, "x"));
		recorder.record(click(partner, "y"));
		recorder.stop();
		assertThat(recorder.isRunning()).isFalse();
		assertThat(count(partner)).isEqualTo(2);
	}

	@Test
	void theRunningWriterFlushesOnItsOwn() throws InterruptedException {
		long partner = uniquePartnerId();
		this.shared.record(click(partner, "bg"));
		for (int i = 0; i < 50 && count(partner) == 0; i++) {
			Thread.sleep(100);
		}
		assertThat(count(partner)).isEqualTo(1);
	}

	@Test
	void aBadRowDoesNotLoseTheRestOfItsBatch() {
		ClickRecorder recorder = TestTokens.recorder(this.jdbcTemplate, 10);
		long partner = uniquePartnerId();
		PendingClick good = click(partner, "ok");
		recorder.record(good);
		recorder.record(good); // same token twice: the unique index refuses the second
		recorder.record(click(partner, "ok2"));
		recorder.flush();
		assertThat(count(partner)).isEqualTo(2);
		assertThat(recorder.droppedCount()).isEqualTo(1);
	}

	private long uniquePartnerId() {
		// Clicks carry no foreign key, so a random id keeps these rows apart from every other test's.
		return 1_000_000_000L + (long) (Math.random() * 1_000_000_000L);
	}

	private PendingClick click(long partner, String sub) {
		return new PendingClick(Fixtures.unique("token-") + sub, partner, 1, null, sub,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), false, false, "https://a.example.com/");
	}

	private long count(long partner) {
		return this.jdbc.sql("select count(*) from click where partner_id = :p").param("p", partner).query(Long.class)
			.single();
	}

}
