package dev.partnerhub.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class DayRangeTests {

	@Test
	void aDayRunsFromItsUtcMidnightToTheNextOne() {
		LocalDate day = LocalDate.of(2026, 3, 29); // a DST change in Europe: UTC has none
		assertThat(DayRange.startOf(day)).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
		assertThat(DayRange.endExclusive(day)).isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
		assertThat(DayRange.endExclusive(LocalDate.of(2028, 2, 28))).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
		assertThat(DayRange.endExclusive(LocalDate.of(2026, 12, 31))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(DayRange.startTimestamp(day)).isEqualTo(Timestamp.from(Instant.parse("2026-03-29T00:00:00Z")));
		assertThat(DayRange.endExclusiveTimestamp(day))
			.isEqualTo(Timestamp.from(Instant.parse("2026-03-30T00:00:00Z")));
	}

	@Test
	void bothEndsAreIncluded() {
		LocalDate from = LocalDate.of(2026, 1, 1);
		LocalDate to = LocalDate.of(2026, 1, 31);
		Instant firstMoment = Instant.parse("2026-01-01T00:00:00Z");
		Instant lastMoment = Instant.parse("2026-01-31T23:59:59.999999Z");
		assertThat(firstMoment).isAfterOrEqualTo(DayRange.startOf(from)).isBefore(DayRange.endExclusive(to));
		assertThat(lastMoment).isAfterOrEqualTo(DayRange.startOf(from)).isBefore(DayRange.endExclusive(to));
		assertThat(Instant.parse("2026-02-01T00:00:00Z")).isEqualTo(DayRange.endExclusive(to));
		assertThat(Instant.parse("2025-12-31T23:59:59.999999Z")).isBefore(DayRange.startOf(from));
	}

	/**
	 * Every module turns days into instants only through {@link DayRange}: the lists and
	 * the dashboard whose figures link to each other, and the reports, hold rules, audit
	 * and imports beside them, so no second copy of the rule can drift.
	 */
	@Test
	void daysBecomeInstantsOnlyThroughDayRange() {
		noClasses().that()
			.doNotHaveFullyQualifiedName(DayRange.class.getName())
			.should()
			.callMethod(LocalDate.class, "atStartOfDay")
			.orShould()
			.callMethod(LocalDate.class, "atStartOfDay", ZoneId.class)
			.because("a UTC day's bounds come from support.DayRange (docs/architecture.md, \"Lists\")")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.partnerhub"));
	}

}
