package dev.partnerhub.payouts;

import java.time.DayOfWeek;
import java.time.LocalDate;

import dev.partnerhub.payouts.domain.PayoutSchedule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayoutScheduleTests {

	@Test
	void weeklyIsTheNextSuchWeekdayStrictlyAfterToday() {
		LocalDate wednesday = LocalDate.of(2026, 11, 18);
		assertThat(wednesday.getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
		assertThat(PayoutSchedule.next("weekly", 5, wednesday)).isEqualTo(LocalDate.of(2026, 11, 20)); // Friday
		assertThat(PayoutSchedule.next("weekly", 3, wednesday)).isEqualTo(LocalDate.of(2026, 11, 25)); // not
																										// today
		assertThat(PayoutSchedule.next("weekly", 1, wednesday)).isEqualTo(LocalDate.of(2026, 11, 23));
		assertThat(PayoutSchedule.next("weekly", 7, LocalDate.of(2026, 12, 31))).isEqualTo(LocalDate.of(2027, 1, 3));
	}

	@Test
	void monthlyIsThisMonthsDayIfStillAheadOtherwiseNextMonths() {
		assertThat(PayoutSchedule.next("monthly", 15, LocalDate.of(2026, 11, 14)))
			.isEqualTo(LocalDate.of(2026, 11, 15));
		assertThat(PayoutSchedule.next("monthly", 15, LocalDate.of(2026, 11, 15)))
			.isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(PayoutSchedule.next("monthly", 1, LocalDate.of(2026, 12, 20))).isEqualTo(LocalDate.of(2027, 1, 1));
		assertThat(PayoutSchedule.next("monthly", 28, LocalDate.of(2027, 1, 31))).isEqualTo(LocalDate.of(2027, 2, 28));
	}

	@Test
	void matchesAnIndependentComputationForEveryDayOfAYear() {
		for (LocalDate today = LocalDate.of(2028, 1, 1); today.getYear() == 2028; today = today.plusDays(1)) {
			for (int day = 1; day <= 7; day++) {
				LocalDate expected = today.plusDays(1);
				while (expected.getDayOfWeek().getValue() != day) {
					expected = expected.plusDays(1);
				}
				assertThat(PayoutSchedule.next("weekly", day, today)).isEqualTo(expected);
			}
			for (int day = 1; day <= 28; day++) {
				LocalDate expected = today.plusDays(1);
				while (expected.getDayOfMonth() != day) {
					expected = expected.plusDays(1);
				}
				assertThat(PayoutSchedule.next("monthly", day, today)).isEqualTo(expected);
			}
		}
	}

}
