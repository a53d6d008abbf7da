package dev.partnerhub.support.web;

import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;

class ListParamsTests {

	private static final Sort NEWEST = Sort.by(Sort.Direction.DESC, "date");

	@Test
	void junkPagingFallsBackAndSizesAreCapped() {
		Pageable pageable = ListParams.pageable("abc", "100000", NEWEST, 25, 100);
		assertThat(pageable.getPageNumber()).isZero();
		assertThat(pageable.getPageSize()).isEqualTo(100);
		assertThat(ListParams.pageable("-3", "0", NEWEST, 25, 100).getPageSize()).isEqualTo(25);
		assertThat(ListParams.pageable("999999999", "10", NEWEST, 25, 100).getPageNumber()).isEqualTo(100_000);
	}

	@Test
	void onlyWhitelistedPropertiesAreSorted() {
		assertThat(ListParams.sort("amount,desc", "amount"::equals, NEWEST))
			.isEqualTo(Sort.by(Sort.Direction.DESC, "amount"));
		assertThat(ListParams.sort("amount", "amount"::equals, NEWEST)).isEqualTo(Sort.by("amount"));
		assertThat(ListParams.sort("1;drop table commission", "amount"::equals, NEWEST)).isEqualTo(NEWEST);
		assertThat(ListParams.sort(null, "amount"::equals, NEWEST)).isEqualTo(NEWEST);
	}

	@Test
	void filtersLoseControlCharactersAndAreCut() {
		assertThat(ListParams.trimmed("  jane\u0000\u0007 ", 100)).isEqualTo("jane");
		assertThat(ListParams.trimmed("\u0000", 100)).isNull();
		assertThat(ListParams.trimmed("abcdef", 3)).isEqualTo("abc");
		assertThat(ListParams.trimmed("   ", 3)).isNull();
	}

	@Test
	void badDatesAreDroppedWithAMessageNamingTheFilter() {
		java.util.List<String> problems = new java.util.ArrayList<>();
		assertThat(ListParams.date("From", " 2026-01-31 ", problems)).isEqualTo(java.time.LocalDate.of(2026, 1, 31));
		assertThat(ListParams.date("To", "31/01/2026", problems)).isNull();
		assertThat(ListParams.date("From", "", problems)).isNull();
		assertThat(problems)
			.containsExactly("'31/01/2026' is not a date (like 2026-01-31); the To filter was ignored.");
	}

	/**
	 * {@code LocalDate} parses years beyond four digits; their day bounds would not exist
	 * in Java or PostgreSQL (a 500 on the lists before).
	 */
	@Test
	void yearsHaveFourDigits() {
		java.util.List<String> problems = new java.util.ArrayList<>();
		assertThat(ListParams.date("To", "9999-12-31", problems)).isEqualTo(java.time.LocalDate.of(9999, 12, 31));
		assertThat(ListParams.date("From", "0001-01-01", problems)).isEqualTo(java.time.LocalDate.of(1, 1, 1));
		assertThat(ListParams.date("To", "+999999999-12-31", problems)).isNull();
		assertThat(ListParams.date("From", "-999999999-01-01", problems)).isNull();
		assertThat(ListParams.date("From", "+10000-01-01", problems)).isNull();
		assertThat(ListParams.date("From", "0000-01-01", problems)).isNull();
		assertThat(problems).hasSize(4)
			.allSatisfy(problem -> assertThat(problem).contains("is not a date (like 2026-01-31)"));
	}

}
