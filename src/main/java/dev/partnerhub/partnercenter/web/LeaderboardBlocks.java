package dev.partnerhub.partnercenter.web;

import java.util.List;
import java.util.Optional;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.partnercenter.web.RenderedBlock.ListView;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.Leaderboards;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import static dev.partnerhub.partnercenter.web.ListBlocks.pageOf;
import static dev.partnerhub.partnercenter.web.ListBlocks.pageParam;

/**
 * The blocks that rank partners of the program by a rollup: the leaderboard (top N) and
 * the "partners of the program" list (the same ranking a page at a time), each with the
 * partner's own rank. Names and values only, never e-mails. Apart because both read the
 * program's leaderboard rather than the partner's own rows.
 */
@Component
class LeaderboardBlocks {

	private final RollupApi rollups;

	private final Leaderboards leaderboards;

	LeaderboardBlocks(RollupApi rollups, Leaderboards leaderboards) {
		this.rollups = rollups;
		this.leaderboards = leaderboards;
	}

	/**
	 * "Partners of the program": the leaderboard of the rollup a page at a time (ranked,
	 * so no other sort), his own rank beside it; two statements whatever the page (its
	 * size, then the page), plus his rank.
	 */
	RenderedBlock rankedPartners(PcBlock block, Me me, ListRequest request, int size, String title) {
		Optional<RollupField> field = this.rollups.findByName(block.get("rollup"));
		if (field.isEmpty()) {
			return leaderboard(block, me, block.get("rollup"), size, title);
		}
		long total = this.leaderboards.size(field.get().id(), me.programId());
		int pages = total == 0 ? 1 : (int) ((total + size - 1) / size);
		int shown = Math.min(pageOf(block, request) + 1, pages);
		List<LeaderboardEntry> entries = this.leaderboards.page(field.get().id(), me.programId(),
				(long) (shown - 1) * size, size);
		LeaderboardEntry mine = this.leaderboards.rankOf(field.get().id(), me.programId(), me.partnerId()).orElse(null);
		String previous = shown > 1 ? request.link(pageParam(block.id()), String.valueOf(shown - 1), null) : null;
		String next = shown < pages ? request.link(pageParam(block.id()), String.valueOf(shown + 1), null) : null;
		return new RenderedBlock("leaderboard", block.id(), title, null, field.get().name(), null, null, null, entries,
				mine, null, null, null, null, "No ranked partners yet.",
				new ListView(List.of(), shown, pages, total, previous, next, null));
	}

	RenderedBlock leaderboard(PcBlock block, Me me, String rollupName, int top, @Nullable String title) {
		Optional<RollupField> field = this.rollups.findByName(rollupName);
		String shown = title == null || title.isBlank() ? "Leaderboard: " + rollupName : title;
		if (field.isEmpty()) {
			return new RenderedBlock("leaderboard", block.id(), shown, null, null, null, null, null, List.of(), null,
					null, null, null, null, "This leaderboard is not available any more.");
		}
		List<LeaderboardEntry> entries = this.leaderboards.top(field.get().id(), me.programId(), top);
		LeaderboardEntry mine = this.leaderboards.rankOf(field.get().id(), me.programId(), me.partnerId()).orElse(null);
		return new RenderedBlock("leaderboard", block.id(), shown, null, field.get().name(), null, null, null, entries,
				mine, null, null, null, null, "No ranked partners yet.");
	}

}
