package dev.partnerhub.partnercenter.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PcPages;
import dev.partnerhub.partnercenter.domain.PcPages.PcPage;
import dev.partnerhub.rollups.Contest;
import dev.partnerhub.rollups.Contests;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.support.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Builder pages as partners see them ({@code /partner/pages/{slug}}: 404 unless published and his program matches
 * the display condition) and the contests of his program with his own standing.
 */
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
	String page(Principal principal, @PathVariable String slug, Model model) {
		Me me = this.current.require(principal);
		PcPage page = this.pages.visible(slug, me.programId()).orElseThrow(() -> new NotFoundException("Not found."));
		model.addAttribute("me", me);
		model.addAttribute("page", page);
		model.addAttribute("blocks", this.renderer.render(this.pages.blocks(page.id()), me));
		return "partnercenter/page";
	}

	/** A contest with its top standings and his own entry (null when he is not ranked). */
	record ContestView(Contest contest, String status, List<LeaderboardEntry> top, LeaderboardEntry mine,
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
