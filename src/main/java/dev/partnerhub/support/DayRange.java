package dev.partnerhub.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Whole UTC days as the instants a query compares a timestamp with: a filter "from day A
 * to day B", both days included, is {@code t >= startOf(A) and t < endExclusive(B)}. The
 * console lists (contacts added, partners joined, orders, commissions) and the dashboard
 * read their dates this way, so a dashboard figure and the list behind it agree; so do
 * every report, filter and import (DayRangeTests).
 */
public final class DayRange {

	private DayRange() {
	}

	/** The first instant of the UTC day. */
	public static Instant startOf(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** The first instant after the UTC day (the day itself is included before it). */
	public static Instant endExclusive(LocalDate day) {
		return startOf(day.plusDays(1));
	}

	/** {@link #startOf} as a JDBC parameter. */
	public static Timestamp startTimestamp(LocalDate day) {
		return Timestamp.from(startOf(day));
	}

	/** {@link #endExclusive} as a JDBC parameter. */
	public static Timestamp endExclusiveTimestamp(LocalDate day) {
		return Timestamp.from(endExclusive(day));
	}

}
