package dev.partnerhub.partners.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.partners.PartnerAccess;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.PartnerDirectory;
import dev.partnerhub.partners.domain.PartnerFilter;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.ui.Model;

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

	/**
	 * The list's sort from the resolved one ({@code @ListPage} already dropped unknown
	 * fixed keys): a {@code rollup:} key only when it is one of the chosen columns
	 * ({@code extra}), otherwise newest first.
	 */
	static Sort sort(Sort asked, Predicate<String> extra) {
		Sort.Order order = asked.stream().findFirst().orElse(null);
		if (order == null || (!PartnerDirectory.isSortable(order.getProperty()) && !extra.test(order.getProperty()))) {
			return PartnerDirectory.DEFAULT_SORT;
		}
		return Sort.by(order);
	}

	/**
	 * Keeps a saved group's members when {@code group} names a usable one (a broken group
	 * is reported on {@code model}, when given). {@code groupFilter} is the groups
	 * module's, absent without it.
	 */
	static PartnerFilter inGroup(@Nullable ContactGroupFilter groupFilter, PartnerFilter filter, @Nullable String group,
			@Nullable Model model) {
		Long groupId = idOrNull(group);
		if (groupFilter == null || groupId == null) {
			return filter;
		}
		try {
			return groupFilter.membersOf(groupId, "p.contact_id").map(filter::inGroup).orElse(filter);
		}
		catch (InvalidInputException ex) {
			if (model != null) {
				model.addAttribute("error", "The group cannot be used as a filter: " + ex.getMessage());
			}
			return filter;
		}
	}

	/** A number, or null for blank or anything else (a filter that does not apply). */
	static @Nullable Long idOrNull(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The list's filter in words, for the bulk choice and the job page. */
	static String filterWords(ProgramApi programs, @Nullable Long programId, PartnerStatus status, String q,
			String group, PartnerAccess access, java.time.@Nullable LocalDate joinedFrom,
			java.time.@Nullable LocalDate joinedTo) {
		List<String> words = new ArrayList<>();
		if (joinedFrom != null || joinedTo != null) {
			words.add("joined " + (joinedFrom == null ? "" : "from " + joinedFrom)
					+ (joinedFrom != null && joinedTo != null ? " " : "") + (joinedTo == null ? "" : "to " + joinedTo));
		}
		if (programId != null) {
			words.add("program " + programs.findProgram(programId).map(p -> p.name()).orElse("#" + programId));
		}
		if (status != null) {
			words.add("status " + status.value());
		}
		if (access != null) {
			words.add("access " + access.label());
		}
		if (group != null && !group.isBlank()) {
			words.add("group #" + group.strip());
		}
		if (q != null && !q.isBlank()) {
			words.add("search \"" + (q.strip().length() > 50 ? q.strip().substring(0, 50) : q.strip()) + "\"");
		}
		return words.isEmpty() ? "no filter" : String.join(", ", words);
	}

}
