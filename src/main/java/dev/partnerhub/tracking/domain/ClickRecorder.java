package dev.partnerhub.tracking.domain;

import java.io.IOException;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.partnerhub.support.PartnerhubProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.postgresql.PGConnection;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Clicks and visits never cost the request a database round trip: they go into a bounded
 * in-memory queue that a background writer drains every
 * {@code partnerhub.tracking.flush-interval-ms} (200 ms) with one COPY per batch. A
 * graceful shutdown stops the writer after the web server and flushes what is left; a
 * crash loses at most the clicks of the last interval. When the queue is full the click
 * is dropped, counted ({@code partnerhub.tracking.dropped}) and logged: the visitor is
 * still redirected.
 */
@Component
public class ClickRecorder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClickRecorder.class);

	private static final int BATCH = 5_000;

	private static final String INSERT_CLICK = "insert into click (token, partner_id, program_id, promo_tool_id, "
			+ "sub_id, clicked_at, duplicate, bot, landing_url) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String COPY_CLICK = "copy click (token, partner_id, program_id, promo_tool_id, sub_id, "
			+ "clicked_at, duplicate, bot, landing_url) from stdin";

	private static final String COPY_VISIT = "copy visit (token, partner_id, page_url, visited_at) from stdin";

	private static final String NULL = "\\N";

	private static final String INSERT_VISIT = "insert into visit (token, partner_id, page_url, visited_at) "
			+ "values (?, ?, ?, ?)";

	/** A click waiting to be written. */
	public record PendingClick(String token, long partnerId, long programId, @Nullable Long promoToolId,
			@Nullable String subId, Instant clickedAt, boolean duplicate, boolean bot, String landingUrl) {
	}

	/** A visit beacon waiting to be written. */
	public record PendingVisit(String token, long partnerId, String pageUrl, Instant visitedAt) {
	}

	private final BlockingQueue<Object> queue;

	private final JdbcTemplate jdbc;

	private final long intervalMillis;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong written = new AtomicLong();

	// Operations (issue 8): clicks accepted into the queue (Prometheus: clicks/s) and how
	// long a flush takes.
	private final AtomicLong clicks = new AtomicLong();

	private volatile io.micrometer.core.instrument.Timer flushTimer;

	private final Object flushLock = new Object();

	private volatile ScheduledExecutorService writer;

	private volatile long lastDropWarning;

	@Autowired
	ClickRecorder(JdbcTemplate jdbc, PartnerhubProperties properties, ObjectProvider<MeterRegistry> meters) {
		this(jdbc, properties.tracking().queueCapacity(), properties.tracking().flushIntervalMs(), meters);
	}

	ClickRecorder(JdbcTemplate jdbc, int capacity, long intervalMillis, ObjectProvider<MeterRegistry> meters) {
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

	/**
	 * Writes everything queued so far; the background writer calls it, so do shutdown and
	 * tests.
	 */
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
		int count = copy(COPY_CLICK, INSERT_CLICK, clicks, ClickRecorder::copyClick, ClickRecorder::bindClick)
				+ copy(COPY_VISIT, INSERT_VISIT, visits, ClickRecorder::copyVisit, ClickRecorder::bindVisit);
		this.written.addAndGet(count);
		return count;
	}

	/**
	 * One COPY for the whole batch: one statement and one commit, and no per-row parse or
	 * bind, so PostgreSQL spends far less per click than on batched INSERTs. COPY is
	 * atomic: if it fails nothing was written and the rows are inserted one by one, so
	 * one bad row does not lose the others.
	 */
	private <T> int copy(String copySql, String insertSql, List<T> rows, Line<T> line, Binder<T> binder) {
		if (rows.isEmpty()) {
			return 0;
		}
		StringBuilder text = new StringBuilder(rows.size() * 200);
		for (T row : rows) {
			line.append(text, row);
		}
		try {
			Long copied = this.jdbc.execute((ConnectionCallback<Long>) connection -> {
				try {
					return connection.unwrap(PGConnection.class)
						.getCopyAPI()
						.copyIn(copySql, new StringReader(text.toString()));
				}
				catch (IOException ex) {
					throw new SQLException("COPY failed", ex);
				}
			});
			return copied == null ? 0 : copied.intValue();
		}
		catch (DataAccessException ex) {
			log.warn("COPY of {} tracking rows failed, inserting them one by one: {}", rows.size(), ex.getMessage());
			return insertOneByOne(insertSql, rows, binder);
		}
	}

	private <T> int insertOneByOne(String sql, List<T> rows, Binder<T> binder) {
		int ok = 0;
		for (T row : rows) {
			try {
				this.jdbc.update(sql, ps -> binder.bind(ps, row));
				ok++;
			}
			catch (DataAccessResourceFailureException unavailable) {
				// The database is gone, not the row: do not wait out a connection timeout
				// per row.
				int lost = rows.size() - ok;
				this.dropped.addAndGet(lost);
				log.error("Database unavailable: {} tracking rows dropped: {}", lost, unavailable.getMessage());
				return ok;
			}
			catch (DataAccessException rowFailure) {
				this.dropped.incrementAndGet();
				log.warn("Dropped a tracking row: {}", rowFailure.getMessage());
			}
		}
		return ok;
	}

	@FunctionalInterface
	private interface Line<T> {

		void append(StringBuilder text, T row);

	}

	@FunctionalInterface
	private interface Binder<T> {

		void bind(PreparedStatement ps, T row) throws SQLException;

	}

	private static void copyClick(StringBuilder text, PendingClick c) {
		field(text, c.token()).append('\t').append(c.partnerId()).append('\t').append(c.programId()).append('\t');
		if (c.promoToolId() == null) {
			text.append(NULL);
		}
		else {
			text.append(c.promoToolId());
		}
		text.append('\t');
		field(text, c.subId()).append('\t');
		timestamp(text, c.clickedAt()).append('\t')
			.append(c.duplicate() ? 't' : 'f')
			.append('\t')
			.append(c.bot() ? 't' : 'f')
			.append('\t');
		field(text, c.landingUrl()).append('\n');
	}

	private static void copyVisit(StringBuilder text, PendingVisit v) {
		field(text, v.token()).append('\t').append(v.partnerId()).append('\t');
		field(text, v.pageUrl()).append('\t');
		timestamp(text, v.visitedAt()).append('\n');
	}

	/** COPY text format: backslash, tab and line breaks escaped, {@code \N} for null. */
	private static StringBuilder field(StringBuilder text, String value) {
		if (value == null) {
			return text.append(NULL);
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case '\t' -> text.append("\\t");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				// PostgreSQL text cannot hold NUL: left out rather than failing the whole
				// COPY.
				case '\0' -> {
				}
				default -> text.append(c);
			}
		}
		return text;
	}

	private static StringBuilder timestamp(StringBuilder text, Instant instant) {
		// ISO-8601 in UTC; PostgreSQL keeps microseconds.
		return text.append(instant.truncatedTo(ChronoUnit.MICROS));
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

	/**
	 * Started before and stopped after the web server, so requests still in flight get
	 * written.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
