package dev.partnerhub.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;

import javax.sql.DataSource;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.tracking.domain.ClickRecorder;
import dev.partnerhub.tracking.domain.ClickRecorder.PendingClick;
import dev.partnerhub.tracking.domain.ClickRecorder.PendingVisit;
import dev.partnerhub.tracking.domain.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buffered writer: bounded queue, counted drops, COPY batches, flush on stop, bad
 * rows isolated.
 */
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
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(count(partner)).isEqualTo(1));
	}

	@Test
	void aBadRowDoesNotLoseTheRestOfItsBatch() {
		ClickRecorder recorder = TestTokens.recorder(this.jdbcTemplate, 10);
		long partner = uniquePartnerId();
		recorder.record(click(partner, "ok"));
		// Longer than sub_id's 100 characters (the redirect trims it; a bug must not cost
		// the batch).
		recorder.record(click(partner, "x".repeat(150)));
		recorder.record(click(partner, "ok2"));
		assertThat(recorder.flush()).isEqualTo(2);
		assertThat(count(partner)).isEqualTo(2);
		assertThat(recorder.droppedCount()).isEqualTo(1);
	}

	@Test
	void copyKeepsEveryCharacterOfWhatItWrites() {
		ClickRecorder recorder = TestTokens.recorder(this.jdbcTemplate, 10);
		long partner = uniquePartnerId();
		String landing = "https://a.example.com/p?q=a\\b\tc\nd\re\\N&x=\u00e9\u4e2d";
		Instant at = Instant.parse("2026-12-02T06:00:00.123456789Z");
		String token = Fixtures.unique("tok-");
		recorder.record(new PendingClick(token, partner, 7, 42L, null, at, true, false, landing));
		recorder.record(new PendingVisit(token, partner, "https://shop.example.com/a\u0000b\tc", at));
		assertThat(recorder.flush()).isEqualTo(2);
		var click = this.jdbc.sql("select * from click where partner_id = :p").param("p", partner).query().singleRow();
		assertThat(click).containsEntry("token", token)
			.containsEntry("program_id", 7L)
			.containsEntry("promo_tool_id", 42L)
			.containsEntry("duplicate", true)
			.containsEntry("bot", false)
			.containsEntry("landing_url", landing);
		assertThat(click.get("sub_id")).isNull();
		assertThat(((java.sql.Timestamp) click.get("clicked_at")).toInstant())
			.isEqualTo(Instant.parse("2026-12-02T06:00:00.123456Z"));
		assertThat(this.jdbc.sql("select page_url from visit where partner_id = :p")
			.param("p", partner)
			.query(String.class)
			.single()).isEqualTo("https://shop.example.com/ab\tc");
	}

	@Test
	void anUnreachableDatabaseDropsTheBatchWithoutTryingEveryRow() {
		AtomicInteger attempts = new AtomicInteger();
		DataSource down = new org.springframework.jdbc.datasource.AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				attempts.incrementAndGet();
				throw new SQLException("Connection refused", "08001");
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return getConnection();
			}

		};
		ClickRecorder recorder = TestTokens.recorder(new JdbcTemplate(down), 100);
		long partner = uniquePartnerId();
		for (int i = 0; i < 50; i++) {
			recorder.record(click(partner, "down" + i));
		}
		assertThat(recorder.flush()).isZero();
		assertThat(recorder.droppedCount()).isEqualTo(50);
		// The COPY and the first row, not one connection timeout per row.
		assertThat(attempts).hasValue(2);
	}

	private long uniquePartnerId() {
		// Clicks carry no foreign key, so a random id keeps these rows apart from every
		// other test's.
		return 1_000_000_000L + (long) (Math.random() * 1_000_000_000L);
	}

	private PendingClick click(long partner, String sub) {
		return new PendingClick(Fixtures.unique("token-") + sub, partner, 1, null, sub,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), false, false, "https://a.example.com/");
	}

	private long count(long partner) {
		return this.jdbc.sql("select count(*) from click where partner_id = :p")
			.param("p", partner)
			.query(Long.class)
			.single();
	}

}
