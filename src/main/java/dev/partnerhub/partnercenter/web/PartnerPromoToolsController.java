package dev.partnerhub.partnercenter.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Tool;
import dev.partnerhub.partners.CouponApi;
import dev.partnerhub.support.web.ErrorPages;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * His promo tools with his link merged in: tracked links (copy buttons), the link
 * generator (tool + SubID → link, server-side so it works without script), banner embed
 * code, e-mail swipes, lightbox code and his tier-2 sign-up link; his active coupon
 * codes.
 */
@ErrorPages(nav = "", back = "/partner", backLabel = "Back to your dashboard",
		notFoundDetail = "There is nothing here.")
@Controller
class PartnerPromoToolsController {

	private final CurrentPartner current;

	private final PartnerCenterQueries queries;

	private final PartnerLinks links;

	private final CouponApi coupons;

	PartnerPromoToolsController(CurrentPartner current, PartnerCenterQueries queries, PartnerLinks links,
			CouponApi coupons) {
		this.coupons = coupons;
		this.current = current;
		this.queries = queries;
		this.links = links;
	}

	/** A tool as the page shows it: its link and, per kind, the code or text to copy. */
	record ToolView(Tool tool, String link, String embedCode, String emailSubject, String emailBody,
			String lightboxCode) {
	}

	@GetMapping("/partner/promo-tools")
	String promoTools(Principal principal, @RequestParam(required = false) @Nullable String tool,
			@RequestParam(required = false) @Nullable String sub, Model model) {
		Me me = this.current.require(principal);
		List<Tool> tools = this.queries.tools(me.programId());
		List<ToolView> views = new ArrayList<>();
		for (Tool t : tools) {
			views.add(view(me, t));
		}
		Long chosen = null;
		if (tool != null && !tool.isBlank()) {
			for (Tool t : tools) {
				if (String.valueOf(t.id()).equals(tool.strip())) {
					chosen = t.id();
				}
			}
		}
		String subId = PartnerLinks.subId(sub);
		model.addAttribute("me", me);
		model.addAttribute("tools", views);
		model.addAttribute("linkTools", tools.stream().filter(t -> !"email".equals(t.kind())).toList());
		model.addAttribute("trackedLink", this.links.tracked(me, null, null));
		model.addAttribute("chosenTool", chosen);
		model.addAttribute("sub", subId == null ? "" : subId);
		model.addAttribute("generated", this.links.tracked(me, chosen, subId));
		model.addAttribute("subChanged", sub != null && !sub.isBlank() && !sub.strip().equals(subId));
		model.addAttribute("signUpLink", this.links.signUp(me));
		model.addAttribute("coupons", this.coupons.activeCodesOf(me.partnerId()));
		return "partnercenter/promo-tools";
	}

	private ToolView view(Me me, Tool tool) {
		String link = this.links.tracked(me, tool.id(), null);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("referralLink", link);
		fields.put("code", me.code());
		fields.put("firstName", me.firstName());
		fields.put("lastName", me.lastName());
		fields.put("programName", me.programName());
		String embed = null;
		if ("banner".equals(tool.kind()) && tool.hasImage()) {
			embed = "<a href=\"" + HtmlUtils.htmlEscape(link) + "\"><img src=\""
					+ HtmlUtils.htmlEscape(this.links.banner(tool.id())) + "\" alt=\""
					+ HtmlUtils.htmlEscape(tool.altText() == null ? tool.name() : tool.altText()) + "\""
					+ (tool.width() == null ? "" : " width=\"" + tool.width() + "\"")
					+ (tool.height() == null ? "" : " height=\"" + tool.height() + "\"") + "></a>";
		}
		return new ToolView(tool, link, embed, PartnerLinks.merge(tool.emailSubject(), fields, false),
				PartnerLinks.merge(tool.emailBody(), fields, false),
				PartnerLinks.merge(tool.lightboxHtml(), fields, true));
	}

}
