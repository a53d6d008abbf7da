package dev.partnerhub.partnercenter.web;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PcPages.PcPage;
import dev.partnerhub.partnercenter.domain.PcPages;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListParams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import static dev.partnerhub.partnercenter.web.BuilderPageForm.BASE;
import static dev.partnerhub.partnercenter.web.BuilderPageForm.nz;

/**
 * The builder's preview of a page as a chosen partner, rendered by the same
 * {@link BlockRenderer} as his own view. Apart from the builder's forms because it reads
 * a partner's data rather than editing pages.
 */
@ErrorPages(nav = "partner-center", back = "/admin/partner-center",
		backLabel = "Back to the partner-center pages in the console")
@Controller
class BuilderPreviewController {

	private final PcPages pages;

	private final BlockRenderer renderer;

	private final PartnerCenterQueries queries;

	private final BuilderPageForm views;

	BuilderPreviewController(PcPages pages, BlockRenderer renderer, PartnerCenterQueries queries,
			BuilderPageForm views) {
		this.pages = pages;
		this.renderer = renderer;
		this.queries = queries;
		this.views = views;
	}

	/**
	 * The page as the chosen partner sees it (his data, his program), inside the console
	 * and read-only.
	 */
	@GetMapping(BASE + "/{id}/preview")
	String preview(@PathVariable long id, @RequestParam(required = false) @Nullable String partner, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		PcPage page = this.views.page(id);
		model.addAttribute("page", page);
		model.addAttribute("partner", nz(partner));
		if (partner == null || partner.isBlank()) {
			return "partnercenter/admin/preview";
		}
		Me me = this.queries.meByCode(partner).orElse(null);
		if (me == null) {
			response.setStatus(400);
			model.addAttribute("problem", "No partner with the code '" + partner.strip() + "'.");
			return "partnercenter/admin/preview";
		}
		model.addAttribute("me", me);
		boolean sees = page.published() && (page.anyProgram() || page.programIds().contains(me.programId()));
		model.addAttribute("sees", sees);
		// lists page and sort here too (links keep ?partner=); no CSV: that is the
		// partner's own download
		model.addAttribute("blocks", this.renderer.render(this.pages.blocks(id), me,
				new ListRequest(request.getParameterMap(), ListParams.currentList(request), null)));
		return "partnercenter/admin/preview";
	}

}
