package dev.partnerhub.payouts.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The next payout day strictly after {@code today}: weekly on ISO day 1-7 (Monday = 1),
 * or monthly on day 1-28.
 */
public final class PayoutSchedule {

	private PayoutSchedule() {
	}

	public static LocalDate next(String schedule, int day, LocalDate today) {
		if ("weekly".equals(schedule)) {
			// The settings column allows 1-28 for both schedules; a weekly day above 7
			// wraps rather than failing.
			DayOfWeek dayOfWeek = DayOfWeek.of(((Math.max(day, 1) - 1) % 7) + 1);
			return today.with(TemporalAdjusters.next(dayOfWeek));
		}
		int dayOfMonth = Math.min(Math.max(day, 1), 28);
		LocalDate thisMonth = today.withDayOfMonth(dayOfMonth);
		return thisMonth.isAfter(today) ? thisMonth : thisMonth.plusMonths(1);
	}

}
