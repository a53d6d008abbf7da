package dev.partnerhub.integrations.domain;

import org.jspecify.annotations.Nullable;

import static dev.partnerhub.integrations.domain.StripeObjects.coupon;
import static dev.partnerhub.integrations.domain.StripeObjects.names;
import static dev.partnerhub.integrations.domain.StripeObjects.referral;
import static dev.partnerhub.integrations.domain.StripeObjects.subscriptionMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.partnerhub.partners.CouponApi;
import tools.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * The partner coupon a Checkout Session or invoice names: our metadata, else the
 * promotion code of a discount.
 */
@Component
class StripeCoupons {

	private final CouponApi coupons;

	StripeCoupons(CouponApi coupons) {
		this.coupons = coupons;
	}

	/**
	 * {@code metadata.partnerhub_coupon}, else the promotion code of the session's
	 * discounts.
	 */
	String couponOf(JsonNode session) {
		String code = coupon(Json.at(session, "metadata"));
		return code != null ? code : discountCoupon(session);
	}

	/**
	 * The partner coupon behind a discount: the promotion code's {@code code} when the
	 * payload expands it, else the coupon mapped to its id ({@code promo_...}). Reads
	 * {@code discounts[].promotion_code} (Checkout Sessions, expanded invoice discounts)
	 * and {@code total_details.breakdown.discounts[].discount.promotion_code}.
	 */
	@Nullable String discountCoupon(JsonNode object) {
		List<JsonNode> promotions = new ArrayList<>();
		for (JsonNode discount : Json.list(object, "discounts")) {
			promotions.add(Json.at(discount, "promotion_code"));
		}
		for (JsonNode breakdown : Json.list(object, "total_details", "breakdown", "discounts")) {
			promotions.add(Json.at(breakdown, "discount", "promotion_code"));
		}
		for (JsonNode promotion : promotions) {
			if (promotion.isObject() && Json.text(promotion, "code") != null) {
				return Json.limit(Json.text(promotion, "code"), 64);
			}
			String id = promotion.isObject() ? Json.text(promotion, "id")
					: promotion.isString() ? Json.clean(promotion.stringValue()).strip() : null;
			Optional<String> mapped = id == null ? Optional.empty() : this.coupons.codeOfStripePromotion(id);
			if (mapped.isPresent()) {
				return mapped.get();
			}
		}
		return null;
	}

	/**
	 * Whether the invoice names a referral or coupon itself (a subscription created with
	 * our metadata).
	 */
	boolean ownReferral(JsonNode invoice) {
		return referral(subscriptionMetadata(invoice)) != null || coupon(subscriptionMetadata(invoice)) != null
				|| discountCoupon(invoice) != null;
	}

}
