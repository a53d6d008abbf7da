package dev.partnerhub.tracking.domain;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Clicks and visits never cost the request a database round trip: they go into a bounded in-memory queue that a
 * background writer drains every {@code partnerhub.tracking.flush-interval-ms} (200 ms) with JDBC batch inserts. A
 * graceful shutdown stops the writer after the web server and flushes what is left; a crash loses at most the
 * clicks of the last interval. When the queue is full the click is dropped, counted
 * ({@code partnerhub.tracking.dropped}) and logged: the visitor is still redirected.
 */
@Component
public class ClickRecorder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClickRecorder.class);

	private static final int BATCH = 5_000;

	private static final String INSERT_CLICK = "insert into click (token, partner_id, program_id, promo_tool_id, "
			+ "sub_id, clicked_at, duplicate, bot, landing_url) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String INSERT_VISIT = "insert into visit (token, partner_id, page_url, visited_at) "
			+ "values (?, ?, ?, ?)";

	/** A click waiting to be written. */
	public record PendingClick(String token, long partnerId, long programId, Long promoToolId, String subId,
			Instant clickedAt, boolean duplicate, boolean bot, String landingUrl) {
	}

	/** A visit beacon waiting to be written. */
	public record PendingVisit(String token, long partnerId, String pageUrl, Instant visitedAt) {
	}

	private final BlockingQueue<Object> queue;

	private final JdbcTemplate jdbc;

	private final long intervalMillis;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong written = new AtomicLong();

	// Operations (issue 8): clicks accepted into the queue (Prometheus: clicks/s) and how long a flush takes.
	private final AtomicLong clicks = new AtomicLong();

	private volatile io.micrometer.core.instrument.Timer flushTimer;

	private final Object flushLock = new Object();

	private volatile ScheduledExecutorService writer;

	private volatile long lastDropWarning;

	ClickRecorder(JdbcTemplate jdbc, @Value("${partnerhub.tracking.queue-capacity:100000}") int capacity,
			@Value("${partnerhub.tracking.flush-interval-ms:200}") long intervalMillis,
			ObjectProvider<MeterRegistry> meters) {
		this.jdbc = jdbc;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.intervalMillis = intervalMillis;
		meters.ifAvailable(registry -> {
			registry.gauge("partnerhub.tracking.queued", this.queue, BlockingQueue::size);
			registry.more().counter("partnerhub.tracking.dropped", List.of(), this.dropped);
			registry.more().counter("partnerhub.tracking.written", List.of(), this.written);
			registry.more().counter("partnerhub.tracking.clicks", List.of(), this.clicks);
			this.flushTimer = io.micrometer.core.instrument.Timer.builder("partnerhub.tracking.flush")
				.description("One drain of the click queue into PostgreSQL")
				.publishPercentileHistogram()
				.register(registry);
		});
	}

	/** Queues a click; false (and counted) when the queue is full. Never blocks. */
	public boolean record(PendingClick click) {
		boolean queued = offer(click);
		if (queued) {
			this.clicks.incrementAndGet();
		}
		return queued;
	}

	public boolean record(PendingVisit visit) {
		return offer(visit);
	}

	public long droppedCount() {
		return this.dropped.get();
	}

	private boolean offer(Object item) {
		if (this.queue.offer(item)) {
			return true;
		}
		long total = this.dropped.incrementAndGet();
		long now = System.currentTimeMillis();
		if (now - this.lastDropWarning > 10_000) {
			this.lastDropWarning = now;
			log.warn("Tracking queue full: {} clicks/visits dropped so far", total);
		}
		return false;
	}

	/** Writes everything queued so far; the background writer calls it, so do shutdown and tests. */
	public int flush() {
		synchronized (this.flushLock) {
			int total = 0;
			List<Object> batch = new ArrayList<>(Math.min(BATCH, Math.max(this.queue.size(), 16)));
			while (this.queue.drainTo(batch, BATCH) > 0) {
				total += write(batch);
				batch.clear();
			}
			return total;
		}
	}

	private int write(List<Object> batch) {
		List<PendingClick> clicks = new ArrayList<>(batch.size());
		List<PendingVisit> visits = new ArrayList<>();
		for (Object item : batch) {
			if (item instanceof PendingClick click) {
				clicks.add(click);
			}
			else if (item instanceof PendingVisit visit) {
				visits.add(visit);
			}
		}
		int count = insert(INSERT_CLICK, clicks, ClickRecorder::bindClick)
				+ insert(INSERT_VISIT, visits, ClickRecorder::bindVisit);
		this.written.addAndGet(count);
		return count;
	}

	/** One batch; if it fails, row by row so one bad row does not lose the others. */
	private <T> int insert(String sql, List<T> rows, Binder<T> binder) {
		if (rows.isEmpty()) {
			return 0;
		}
		try {
			this.jdbc.batchUpdate(sql, rows, rows.size(), binder::bind);
			return rows.size();
		}
		catch (DataAccessException ex) {
			log.warn("Batch insert of {} tracking rows failed, retrying one by one: {}", rows.size(), ex.getMessage());
			int ok = 0;
			for (T row : rows) {
				try {
					this.jdbc.update(sql, ps -> binder.bind(ps, row));
					ok++;
				}
				catch (DataAccessException rowFailure) {
					this.dropped.incrementAndGet();
					log.warn("Dropped a tracking row: {}", rowFailure.getMessage());
				}
			}
			return ok;
		}
	}

	@FunctionalInterface
	private interface Binder<T> {

		void bind(PreparedStatement ps, T row) throws SQLException;

	}

	private static void bindClick(PreparedStatement ps, PendingClick c) throws SQLException {
		ps.setString(1, c.token());
		ps.setLong(2, c.partnerId());
		ps.setLong(3, c.programId());
		if (c.promoToolId() == null) {
			ps.setNull(4, Types.BIGINT);
		}
		else {
			ps.setLong(4, c.promoToolId());
		}
		ps.setString(5, c.subId());
		ps.setTimestamp(6, Timestamp.from(c.clickedAt()));
		ps.setBoolean(7, c.duplicate());
		ps.setBoolean(8, c.bot());
		ps.setString(9, c.landingUrl());
	}

	private static void bindVisit(PreparedStatement ps, PendingVisit v) throws SQLException {
		ps.setString(1, v.token());
		ps.setLong(2, v.partnerId());
		ps.setString(3, v.pageUrl());
		ps.setTimestamp(4, Timestamp.from(v.visitedAt()));
	}

	private void flushQuietly() {
		try {
			io.micrometer.core.instrument.Timer timer = this.flushTimer;
			if (timer == null || this.queue.isEmpty()) {
				flush();
			}
			else {
				timer.record(this::flush);
			}
		}
		catch (RuntimeException ex) {
			log.error("Tracking writer failed; will retry on the next interval", ex);
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "click-writer");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::flushQuietly, this.intervalMillis, this.intervalMillis,
				TimeUnit.MILLISECONDS);
		this.writer = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.writer;
		this.writer = null;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		flushQuietly();
	}

	@Override
	public boolean isRunning() {
		return this.writer != null;
	}

	/** Started before and stopped after the web server, so requests still in flight get written. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
