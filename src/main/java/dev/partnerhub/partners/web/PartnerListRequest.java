package dev.partnerhub.partners.web;

import java.util.function.Predicate;

import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.PartnerDirectory;
import dev.partnerhub.partners.domain.PartnerFilter;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Turns list query parameters into a filter and a page, forgivingly: an unknown sort
 * property or a silly page size falls back to a default instead of failing, so a
 * hand-edited URL never errors.
 */
final class PartnerListRequest {

	static final int DEFAULT_SIZE = 25;

	static final int MAX_SIZE = 100;

	/** Keeps offsets far below what a long or the database could overflow on. */
	private static final int MAX_PAGE = 100_000;

	private PartnerListRequest() {
	}

	static PartnerFilter filter(Long programId, PartnerStatus status, String search) {
		String term = search == null || search.isBlank() ? null : search.strip();
		if (term != null && term.length() > 200) {
			term = term.substring(0, 200);
		}
		return new PartnerFilter(programId, status, term, null);
	}

	/**
	 * The status if it names one, otherwise no status filter (the console ignores a bad
	 * value).
	 */
	static @Nullable PartnerStatus statusOrNull(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return PartnerStatus.of(status.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static Pageable pageable(Integer page, Integer size, String sort) {
		return pageable(page, size, sort, property -> false);
	}

	static Pageable pageable(Integer page, Integer size, String sort, Predicate<String> extra) {
		int number = page == null ? 0 : Math.min(Math.max(page, 0), MAX_PAGE);
		int pageSize = size == null || size < 1 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
		return PageRequest.of(number, pageSize, sort(sort, extra));
	}

	static Sort sort(String sort) {
		return sort(sort, property -> false);
	}

	/**
	 * {@code property[,asc|desc]} for a whitelisted property or one of the list's chosen
	 * extra columns ({@code extra}, e.g. {@code rollup:7}), otherwise newest first.
	 */
	static Sort sort(String sort, Predicate<String> extra) {
		if (sort == null || sort.isBlank()) {
			return PartnerDirectory.DEFAULT_SORT;
		}
		String[] parts = sort.split(",");
		String property = parts[0].strip();
		if (!PartnerDirectory.isSortable(property) && !extra.test(property)) {
			return PartnerDirectory.DEFAULT_SORT;
		}
		boolean descending = parts.length > 1 && "desc".equalsIgnoreCase(parts[1].strip());
		return Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, property);
	}

}
