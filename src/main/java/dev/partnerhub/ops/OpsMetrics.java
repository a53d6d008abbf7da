package dev.partnerhub.ops;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.partnerhub.commissions.CommissionCreated;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.orders.OrderPlaced;
import dev.partnerhub.support.events.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Business meters next to the technical ones Spring Boot exports. Rates (orders/s,
 * clicks/s) are counters: Prometheus derives the rate
 * ({@code rate(partnerhub_orders_placed_total[1m])}). Clicks, the click queue depth and
 * the flush latency come from the tracking module's {@code ClickRecorder}
 * ({@code partnerhub.tracking.clicks}, {@code .queued}, {@code .flush}).
 * <p>
 * Orders and commissions are counted after their transaction commits, so a rolled-back
 * order is never counted. These two listeners stay in memory, outside the event
 * publication registry: they are on the order path, and a counter lost in a crash
 * restarts from zero with the JVM anyway. The gauges that need the database (outbox
 * backlog, bulk job progress) read it at most every 5 s, whatever the scrape rate, and
 * report NaN while the database is unreachable instead of failing the scrape.
 */
@Component
class OpsMetrics {

	private static final Logger log = LoggerFactory.getLogger(OpsMetrics.class);

	private static final long REFRESH_NANOS = Duration.ofSeconds(5).toNanos();

	private final Counter orders;

	private final Counter commissions;

	/**
	 * The job kinds of the commissions' bulk approve/decline and of CSV imports (jobs
	 * facility).
	 */
	private static final String BULK_JOBS = "commissions.bulk", IMPORT_JOBS = "imports.csv";

	private final JdbcClient jdbc;

	private final JobApi jobs;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

	/** The database-backed values, read together. */
	record Snapshot(long readAt, double outboxQueued, double bulkJobsActive, double bulkJobsRemaining,
			double importJobsActive) {
	}

	OpsMetrics(MeterRegistry registry, JdbcClient jdbc, JobApi jobs) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.orders = Counter.builder("partnerhub.orders.placed")
			.description("New orders accepted (replays not counted)")
			.register(registry);
		this.commissions = Counter.builder("partnerhub.commissions.created")
			.description("Commissions created, clawbacks included")
			.register(registry);
		Gauge.builder("partnerhub.mail.outbox.queued", this, m -> m.current().outboxQueued())
			.description("E-mails waiting in the outbox (NaN until the mail module's table exists)")
			.register(registry);
		Gauge.builder("partnerhub.bulk.jobs.active", this, m -> m.current().bulkJobsActive())
			.description("Bulk approve/decline jobs queued or running")
			.register(registry);
		Gauge.builder("partnerhub.bulk.jobs.remaining", this, m -> m.current().bulkJobsRemaining())
			.description("Commissions the active bulk jobs still have to process")
			.register(registry);
		Gauge.builder("partnerhub.import.jobs.active", this, m -> m.current().importJobsActive())
			.description("CSV imports queued or running")
			.register(registry);
	}

	@EventListener
	void orderPlaced(OrderPlaced event) {
		AfterCommit.run(this.orders::increment);
	}

	@EventListener
	void commissionCreated(CommissionCreated event) {
		AfterCommit.run(this.commissions::increment);
	}

	Snapshot current() {
		Snapshot last = this.snapshot.get();
		long now = System.nanoTime();
		if (last != null && now - last.readAt() < REFRESH_NANOS) {
			return last;
		}
		Snapshot fresh = read(now);
		this.snapshot.set(fresh);
		return fresh;
	}

	private Snapshot read(long now) {
		try {
			JobApi.Backlog bulk = this.jobs.backlog(BULK_JOBS);
			return new Snapshot(now, outbox(), bulk.jobs(), bulk.remaining(), this.jobs.backlog(IMPORT_JOBS).jobs());
		}
		catch (RuntimeException ex) {
			log.debug("Metrics could not read the database: {}", ex.getMessage());
			return new Snapshot(now, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
	}

	/**
	 * Hook for the mail module's outbox ({@code mail_message}, rows with status
	 * {@code queued}): read only when the table exists, so this works before and after
	 * that module lands; NaN if its shape differs.
	 */
	private double outbox() {
		if (!tableExists("mail_outbox")) {
			return Double.NaN;
		}
		try {
			return this.jdbc.sql("select count(*) from mail_outbox").query(Long.class).single();
		}
		catch (RuntimeException ex) {
			log.debug("Outbox backlog unavailable: {}", ex.getMessage());
			return Double.NaN;
		}
	}

	private boolean tableExists(String table) {
		return Boolean.TRUE.equals(this.jdbc.sql("select to_regclass(:table) is not null")
			.param("table", table)
			.query(Boolean.class)
			.single());
	}

}
