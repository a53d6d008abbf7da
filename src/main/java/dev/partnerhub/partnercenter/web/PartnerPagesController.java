package dev.partnerhub.partnercenter.web;

import java.io.Writer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PcPages;
import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.partnercenter.domain.PcPages.PcPage;
import dev.partnerhub.rollups.Contest;
import dev.partnerhub.rollups.Contests;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListParams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Builder pages as partners see them ({@code /partner/pages/{slug}}: 404 unless published
 * and his program matches the display condition) and the contests of his program with his
 * own standing.
 */
@ErrorPages(nav = "", back = "/partner", backLabel = "Back to your dashboard",
		notFoundDetail = "There is nothing here.")
@Controller
class PartnerPagesController {

	static final int STANDINGS = 10;

	static final int MAX_CONTESTS = 10;

	private final CurrentPartner current;

	private final PcPages pages;

	private final BlockRenderer renderer;

	private final Contests contests;

	PartnerPagesController(CurrentPartner current, PcPages pages, BlockRenderer renderer, Contests contests) {
		this.current = current;
		this.pages = pages;
		this.renderer = renderer;
		this.contests = contests;
	}

	@GetMapping("/partner/pages/{slug}")
	String page(Principal principal, @PathVariable String slug, HttpServletRequest request, Model model) {
		Me me = this.current.require(principal);
		PcPage page = this.pages.visible(slug, me.programId()).orElseThrow(() -> new NotFoundException("Not found."));
		model.addAttribute("me", me);
		model.addAttribute("page", page);
		model.addAttribute("blocks",
				this.renderer.render(this.pages.blocks(page.id()), me, new ListRequest(request.getParameterMap(),
						ListParams.currentList(request), "/partner/pages/" + page.slug())));
		return "partnercenter/page";
	}

	/**
	 * A dynamic list block's rows as CSV: his rows only (the same owner predicate as on
	 * the page), all of them, in the order {@code b<id>s} asks or the block's. 404 unless
	 * the page is visible to him and the block is a list on it.
	 */
	@GetMapping("/partner/pages/{slug}/blocks/{blockId}.csv")
	void listCsv(Principal principal, @PathVariable String slug, @PathVariable String blockId,
			HttpServletRequest request, HttpServletResponse response) {
		Me me = this.current.require(principal);
		PcPage page = this.pages.visible(slug, me.programId()).orElseThrow(() -> new NotFoundException("Not found."));
		PcBlock block = (blockId.matches("\\d{1,18}") ? this.pages.block(page.id(), Long.parseLong(blockId))
				: java.util.Optional.<PcBlock>empty())
			.orElseThrow(() -> new NotFoundException("Not found."));
		boolean exported = this.renderer.export(block, me, new ListRequest(request.getParameterMap(), null, null),
				header -> {
					Writer out = Csv.download(response, page.slug() + "-list-" + block.id() + ".csv", header);
					return row -> Csv.writeRow(out, row);
				});
		if (!exported) {
			throw new NotFoundException("Not found.");
		}
	}

	/**
	 * A contest with its top standings and his own entry (null when he is not ranked).
	 */
	record ContestView(Contest contest, String status, List<LeaderboardEntry> top, @Nullable LeaderboardEntry mine,
			long ranked) {
	}

	@GetMapping("/partner/contests")
	String contests(Principal principal, Model model) {
		Me me = this.current.require(principal);
		List<ContestView> views = new ArrayList<>();
		var today = this.contests.today();
		for (Contest contest : this.contests.ofProgram(me.programId()).stream().limit(MAX_CONTESTS).toList()) {
			boolean ranked = contest.rollupFieldId() != null;
			views.add(new ContestView(contest, contest.status(today),
					ranked ? this.contests.standings(contest.id(), 0, STANDINGS) : List.of(),
					ranked ? this.contests.rankOf(contest.id(), me.partnerId()).orElse(null) : null,
					ranked ? this.contests.standingsSize(contest.id()) : 0));
		}
		model.addAttribute("me", me);
		model.addAttribute("contests", views);
		return "partnercenter/contests";
	}

}
