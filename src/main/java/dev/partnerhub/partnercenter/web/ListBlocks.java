package dev.partnerhub.partnercenter.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.filters.SqlFragment;
import dev.partnerhub.partnercenter.domain.BlockData;
import dev.partnerhub.partnercenter.domain.BlockType;
import dev.partnerhub.partnercenter.domain.ListSource;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.partnercenter.web.RenderedBlock.Header;
import dev.partnerhub.partnercenter.web.RenderedBlock.ListView;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import static dev.partnerhub.partnercenter.web.RenderedBlock.title;

/**
 * The dynamic list blocks: one page of the partner's own rows ({@link BlockData}, the
 * owner predicate plus the block's conditions), with sort headers, page links and the CSV
 * export of every row. Apart from {@link BlockRenderer} because paging, sorting and the
 * block's compiled conditions are most of the rendering code; "partners of the program"
 * lists are ranked and go to {@link LeaderboardBlocks}.
 */
@Component
class ListBlocks {

	private final BlockData data;

	private final LeaderboardBlocks leaderboards;

	private final Clock clock;

	ListBlocks(BlockData data, LeaderboardBlocks leaderboards, Clock clock) {
		this.data = data;
		this.leaderboards = leaderboards;
		this.clock = clock;
	}

	static String pageParam(long blockId) {
		return "b" + blockId + "p";
	}

	static String sortParam(long blockId) {
		return "b" + blockId + "s";
	}

	/**
	 * The sort a request asks of a list block, or its configured one: {column, asc|desc}.
	 */
	static String[] sortOf(PcBlock block, ListSource source, ListRequest request) {
		String asked = request.get(sortParam(block.id()));
		String[] parts = asked.split(",", 2);
		if (!parts[0].isEmpty() && source.columns().containsKey(parts[0])) {
			return new String[] { parts[0],
					parts.length > 1 && "desc".equalsIgnoreCase(parts[1].strip()) ? "desc" : "asc" };
		}
		return new String[] { block.get("sort"), "asc".equals(block.get("direction")) ? "asc" : "desc" };
	}

	/** 0-based page from the 1-based parameter; bad or missing = the first page. */
	static int pageOf(PcBlock block, ListRequest request) {
		String asked = request.get(pageParam(block.id()));
		if (asked.matches("\\d{1,6}")) {
			return Math.max(Integer.parseInt(asked) - 1, 0);
		}
		return 0;
	}

	/**
	 * The block's conditions as SQL (bind names prefixed by the block id: several lists
	 * in one page never clash).
	 */
	SqlFragment filterOf(PcBlock block, ListSource source) {
		return block.get("filter").isBlank() ? new SqlFragment("true", Map.of())
				: FilterCompiler.compile(FilterJson.parse(block.get("filter"), "filter"), source.catalog(),
						LocalDate.now(this.clock), "b" + block.id(), "filter");
	}

	RenderedBlock list(PcBlock block, Me me, ListRequest request) {
		ListSource source = ListSource.of(block.get("source"));
		int size = Integer.parseInt(block.get("pageSize"));
		String title = title(block, source.label());
		if (source == ListSource.PROGRAM_PARTNERS) {
			return this.leaderboards.rankedPartners(block, me, request, size, title);
		}
		List<String> columns = Arrays.asList(block.get("columns").split(","));
		String[] sort = sortOf(block, source, request);
		boolean ascending = "asc".equals(sort[1]);
		BlockData.ListPage page = this.data.list(source, me.partnerId(), filterOf(block, source), sort[0], ascending,
				columns, pageOf(block, request), size);
		List<Header> headers = new ArrayList<>();
		for (String column : columns) {
			boolean current = column.equals(sort[0]);
			String next = current && ascending ? "desc" : "asc";
			headers.add(new Header(column, source.columns().get(column).label(),
					request.link(sortParam(block.id()), column + "," + next, pageParam(block.id())),
					current ? (ascending ? "ascending" : "descending") : "none"));
		}
		int shown = page.page() + 1;
		String previous = shown > 1 ? request.link(pageParam(block.id()), String.valueOf(shown - 1), null) : null;
		String next = shown < page.totalPages() ? request.link(pageParam(block.id()), String.valueOf(shown + 1), null)
				: null;
		String csv = request.csvPath() == null ? null
				: UriComponentsBuilder.fromPath(request.csvPath() + "/blocks/" + block.id() + ".csv")
					.queryParamIfPresent(sortParam(block.id()), Optional.of(sort[0] + "," + sort[1]))
					.build()
					.encode()
					.toUriString();
		ListView view = new ListView(headers, shown, page.totalPages(), page.total(), previous, next, csv);
		return new RenderedBlock("list", block.id(), title, null, null, null,
				headers.stream().map(Header::label).toList(), page.rows(), null, null, null, null, null, null,
				"Nothing to show yet: records appear here as your referrals buy.", view);
	}

	/**
	 * Every row of a dynamic list for the CSV export, in the order the partner chose (or
	 * the block's): his rows only (the same owner predicate). False when the block is not
	 * an exportable list (a leaderboard-like source).
	 */
	boolean export(PcBlock block, Me me, ListRequest request, Function<List<String>, Consumer<List<String>>> sink) {
		if (block.type() != BlockType.LIST) {
			return false;
		}
		ListSource source = ListSource.of(block.get("source"));
		if (source == ListSource.PROGRAM_PARTNERS) {
			return false;
		}
		List<String> columns = Arrays.asList(block.get("columns").split(","));
		String[] sort = sortOf(block, source, request);
		Consumer<List<String>> out = sink.apply(columns.stream().map(c -> source.columns().get(c).label()).toList());
		this.data.each(source, me.partnerId(), filterOf(block, source), sort[0], "asc".equals(sort[1]), columns, out);
		return true;
	}

}
