package dev.partnerhub.partnercenter.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import dev.partnerhub.support.DayRange;

/** UTC days {@code from} to {@code to}, both inclusive. */
public record DateRange(LocalDate from, LocalDate to) {

	public DateRange {
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("to before from");
		}
	}

	public static DateRange lastDays(LocalDate today, int days) {
		return new DateRange(today.minusDays(days - 1L), today);
	}

	public Instant start() {
		return DayRange.startOf(this.from);
	}

	/** Exclusive: the start of the day after {@code to}. */
	public Instant end() {
		return DayRange.endExclusive(this.to);
	}

	public long days() {
		return ChronoUnit.DAYS.between(this.from, this.to) + 1;
	}

}
