package dev.partnerhub.partners.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.partners.CouponApi.Coupon;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.CouponService;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/partners/{code}/coupons}: give a partner coupon codes, list them,
 * disable one (kept, never given to anyone else).
 */
@RestController
@RequestMapping("/api/v1/partners/{code}/coupons")
class CouponRestController {

	private final CouponService coupons;

	private final PartnerService partners;

	CouponRestController(CouponService coupons, PartnerService partners) {
		this.coupons = coupons;
		this.partners = partners;
	}

	@PostMapping
	ResponseEntity<CouponJson> create(@PathVariable String code, @Valid @RequestBody NewCoupon body) {
		PartnerSummary partner = partner(code);
		Coupon coupon = this.coupons.create(partner.id(), body.code(), body.stripePromotionCodeId());
		return ResponseEntity.created(URI.create("/api/v1/partners/" + partner.code() + "/coupons/" + coupon.code()))
			.body(CouponJson.of(coupon));
	}

	@GetMapping
	PageJson list(@PathVariable String code, @RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer size) {
		int p = page == null ? 0 : page;
		int s = size == null ? 50 : size;
		if (p < 0 || s < 1 || s > 500) {
			throw new InvalidInputException("page", "page is 0 or more, size 1 to 500.");
		}
		List<Coupon> all = this.coupons.ofPartner(partner(code).id());
		int from = (int) Math.min((long) p * s, all.size());
		List<CouponJson> items = all.subList(from, Math.min(from + s, all.size()))
			.stream()
			.map(CouponJson::of)
			.toList();
		return new PageJson(items, p, s, all.size());
	}

	/**
	 * Disables the coupon; it stays listed (status disabled) and its code is never given
	 * to anyone else.
	 */
	@DeleteMapping("/{coupon}")
	CouponJson disable(@PathVariable String code, @PathVariable String coupon) {
		return CouponJson.of(this.coupons.disable(partner(code).id(), coupon));
	}

	private PartnerSummary partner(String code) {
		return this.partners.findByCode(code).orElseThrow(() -> new NotFoundException("No partner with code " + code));
	}

	record NewCoupon(@NotBlank @Size(max = 64) String code, @Size(max = 100) @Nullable String stripePromotionCodeId) {
	}

	record CouponJson(String code, String partnerCode, String status, @Nullable String stripePromotionCodeId,
			Instant createdAt, @Nullable Instant disabledAt) {

		static CouponJson of(Coupon c) {
			return new CouponJson(c.code(), c.partnerCode(), c.status(), c.stripePromotionCodeId(), c.createdAt(),
					c.disabledAt());
		}

	}

	record PageJson(List<CouponJson> items, int page, int size, long total) {
	}

}
