package dev.partnerhub.rollups.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.rollups.RollupValueChanged;
import dev.partnerhub.rollups.RollupValuesChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes materialised rollup values. Every write recomputes whole values from the raw
 * rows (never adds deltas), with one set-based statement per definition for a batch of
 * partners, and publishes the values that changed as one {@link RollupValuesChanged} per
 * write. All writers (dirty-set drain, definition recompute, daily relative refresh) take
 * one transaction-scoped advisory lock first, so a recompute that read an older snapshot
 * can never overwrite a newer one.
 * <p>
 * The leaderboards (another part of this module) read {@code rollup_value} ranked by the
 * {@code rollup_value_rank_idx} index; they may call {@link #drain(LocalDate)} first for
 * values of the last second.
 */
@Component
public class RollupEngine {

	private static final Logger log = LoggerFactory.getLogger(RollupEngine.class);

	/** pg_advisory_xact_lock key shared by every writer of rollup_value. */
	static final long WRITE_LOCK = 0x726f6c6c7570L;

	/** Dirty partners taken per transaction. */
	static final int DRAIN_BATCH = 2000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RollupEngine(JdbcClient jdbc, PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.events = events;
		this.clock = clock;
	}

	public LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	/**
	 * Recomputes every partner marked dirty (all definitions) with today's date; returns
	 * how many partners.
	 */
	public int drain() {
		return drain(today());
	}

	/**
	 * As {@link #drain()}, with relative dates taken from {@code today}. Only the marks
	 * that exist when it starts are taken: under a steady stream of writes a drain that
	 * also took the newer marks would never end, recomputing a busy partner over and over
	 * (each time over all his rows); the next run takes them.
	 */
	public int drain(LocalDate today) {
		long upTo = this.jdbc.sql("select coalesce(max(id), 0) from rollup_dirty").query(Long.class).single();
		int total = 0;
		while (true) {
			int batch = inTransaction(() -> {
				lock();
				List<Long> ids = this.jdbc.sql("""
						delete from rollup_dirty where id in (
						    select id from rollup_dirty where id <= :upTo order by id limit :n for update skip locked)
						returning partner_id
						""").param("upTo", upTo).param("n", DRAIN_BATCH).query(Long.class).list();
				if (ids.isEmpty()) {
					return 0;
				}
				List<Long> partners = List.copyOf(new LinkedHashSet<>(ids));
				for (RollupField field : definitions()) {
					write(field, partners, today);
				}
				return partners.size();
			});
			if (batch == 0) {
				return total;
			}
			total += batch;
		}
	}

	/** True when some partner is marked dirty. */
	public boolean pending() {
		return this.jdbc.sql("select exists (select 1 from rollup_dirty)").query(Boolean.class).single();
	}

	/**
	 * Recomputes one definition for the given partners in the caller's transaction (which
	 * must hold {@link #lock()}); publishes the changes and returns how many values
	 * changed.
	 */
	int write(RollupField field, Collection<Long> partnerIds, LocalDate today) {
		if (partnerIds.isEmpty()) {
			return 0;
		}
		RollupSql.Statement statement = RollupSql.upsert(field, today);
		Map<String, Object> params = new HashMap<>(statement.params());
		params.put("ids", new SqlArrayValue("bigint", partnerIds.toArray()));
		BigDecimal empty = field.function() == RollupFunction.SUM || field.function() == RollupFunction.COUNT
				? BigDecimal.ZERO : null;
		List<RollupValueChanged> changes = new ArrayList<>();
		this.jdbc.sql(statement.sql()).params(params).query((rs, n) -> {
			BigDecimal before = rs.getBoolean("existed") ? rs.getBigDecimal("old_value") : empty;
			BigDecimal after = rs.getBigDecimal("new_value");
			if (!same(before, after)) {
				changes.add(new RollupValueChanged(field.id(), field.name(), rs.getLong("contact_id"), before, after));
			}
			return null;
		}).list();
		if (!changes.isEmpty()) {
			this.events.publishEvent(new RollupValuesChanged(changes));
		}
		return changes.size();
	}

	/** The writers' lock: one writer of rollup_value at a time, released at commit. */
	void lock() {
		this.jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", WRITE_LOCK).query((rs, n) -> 1).list();
	}

	<T> T inTransaction(Supplier<T> work) {
		return this.transactions.execute(status -> work.get());
	}

	List<RollupField> definitions() {
		return this.jdbc.sql(RollupDefinitions.SELECT + "order by id").query(RollupDefinitions::field).list();
	}

	private static boolean same(BigDecimal a, BigDecimal b) {
		return a == null ? b == null : b != null && a.compareTo(b) == 0;
	}

	static Logger log() {
		return log;
	}

}
