package dev.partnerhub.partners.web;

import dev.partnerhub.partners.CouponApi.Coupon;
import dev.partnerhub.partners.domain.CouponService;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coupon card of the console's partner page: add a code, disable one. Both go back to
 * the partner page.
 */
@ErrorPages(nav = "partners", back = "/admin/partners", backLabel = "Back to partners",
		notFoundDetail = "That partner or contact does not exist; it may have been removed.")
@Controller
class CouponConsoleController {

	private final CouponService coupons;

	CouponConsoleController(CouponService coupons) {
		this.coupons = coupons;
	}

	@PostMapping("/admin/partners/{id}/coupons")
	String create(@PathVariable long id, @RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String stripePromotionCodeId, RedirectAttributes redirect) {
		try {
			Coupon coupon = this.coupons.create(id, code, stripePromotionCodeId);
			redirect.addFlashAttribute("message", "Coupon " + coupon.code() + " added.");
		}
		catch (ConflictException | InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("couponCode", code);
		}
		return "redirect:/admin/partners/" + id + "#coupons";
	}

	@PostMapping("/admin/partners/{id}/coupons/{couponId}/disable")
	String disable(@PathVariable long id, @PathVariable long couponId, RedirectAttributes redirect) {
		Coupon coupon = this.coupons.disable(id, couponId);
		redirect.addFlashAttribute("message",
				"Coupon " + coupon.code() + " disabled. Its code is not given to anyone else.");
		return "redirect:/admin/partners/" + id + "#coupons";
	}

}
