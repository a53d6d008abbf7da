package dev.partnerhub.partnercenter.web;

import java.util.List;

import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.rollups.LeaderboardEntry;
import org.jspecify.annotations.Nullable;

/**
 * One rendered block as the template {@code partnercenter/blocks} reads it; {@code type}
 * picks the fragment, and each kind fills only its own components (the rest are null).
 */
record RenderedBlock(String type, long id, @Nullable String title, @Nullable String html, @Nullable String label,
		@Nullable String value, @Nullable List<String> headers, @Nullable List<List<String>> rows,
		@Nullable List<LeaderboardEntry> entries, @Nullable LeaderboardEntry mine, @Nullable EarningsChart chart,
		@Nullable String trackedLink, @Nullable String signUpLink, @Nullable List<String[]> tools,
		@Nullable String empty, @Nullable ListView list) {

	RenderedBlock(String type, long id, @Nullable String title, @Nullable String html, @Nullable String label,
			@Nullable String value, @Nullable List<String> headers, @Nullable List<List<String>> rows,
			@Nullable List<LeaderboardEntry> entries, @Nullable LeaderboardEntry mine, @Nullable EarningsChart chart,
			@Nullable String trackedLink, @Nullable String signUpLink, @Nullable List<String[]> tools,
			@Nullable String empty) {
		this(type, id, title, html, label, value, headers, rows, entries, mine, chart, trackedLink, signUpLink, tools,
				empty, null);
	}

	/**
	 * A sortable column header: link to sort by it (toggling the direction when it is the
	 * current sort).
	 */
	record Header(String name, String label, @Nullable String url, String ariaSort) {
	}

	/**
	 * A dynamic list's page: headers, "page X of Y" and the links (null where there is
	 * nowhere to go).
	 */
	record ListView(List<Header> headers, int page, int pages, long total, @Nullable String previousUrl,
			@Nullable String nextUrl, @Nullable String csvUrl) {
	}

	/** The block's own title, else the kind's. */
	static String title(PcBlock block, String fallback) {
		return block.get("title").isBlank() ? fallback : block.get("title");
	}

}
