package dev.partnerhub.programs.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** The page shape every list endpoint shares: {@code {items, page, size, total}}. */
record PageJson<T>(List<T> items, int page, int size, long total) {

	static <S, T> PageJson<T> of(Page<S> page, Function<S, T> mapper) {
		return new PageJson<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
				page.getTotalElements());
	}

	/**
	 * Pages start at 0; sizes are kept between 1 and 100 so one call cannot ask for the
	 * whole table.
	 */
	static PageRequest request(int page, int size, Sort sort) {
		return PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 100), sort);
	}

}
