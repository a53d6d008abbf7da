package dev.partnerhub.tracking.web;

import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.tracking.domain.InstallCheck;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's Tracking page: the snippet to paste into the sales site and the install
 * check — per origin, when {@code t.js} last reported a visit and whether referrals
 * reached forms.
 */
@Controller
class TrackingPageController {

	private final InstallCheck check;

	private final String baseUrl;

	TrackingPageController(InstallCheck check, BaseUrl baseUrl) {
		this.check = check;
		this.baseUrl = baseUrl.value();
	}

	@GetMapping("/admin/tracking")
	String page(Model model) {
		model.addAttribute("snippet", "<script src=\"" + this.baseUrl + "/t.js\" async></script>");
		model.addAttribute("sites", this.check.sites());
		return "tracking/index";
	}

}
