package dev.partnerhub.partners;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Partner coupons: codes admins give to partners. An order carrying an active coupon of
 * an approved partner credits that partner. Codes are unique case-insensitively; disabled
 * coupons keep their code for ever.
 */
public interface CouponApi {

	/**
	 * The active coupons among {@code codes} whose partner is approved, keyed by the
	 * lower-case code, in one statement (the order path asks once per batch). Unknown,
	 * disabled and blank codes are simply absent.
	 */
	Map<String, Owner> activeOwners(Collection<String> codes);

	/**
	 * The code of the coupon mapped to this Stripe promotion code id, whatever its
	 * status.
	 */
	Optional<String> codeOfStripePromotion(String promotionCodeId);

	/** The partner's active coupon codes, oldest first (the partner center). */
	List<String> activeCodesOf(long partnerId);

	/** A coupon as an order sees it: its code as stored and the partner it credits. */
	record Owner(String code, long partnerId, String partnerCode) {
	}

	/** A coupon as the console and the API show it. */
	record Coupon(long id, String code, long partnerId, String partnerCode, boolean active,
			@Nullable String stripePromotionCodeId, Instant createdAt, @Nullable Instant disabledAt) {

		public String status() {
			return this.active ? "active" : "disabled";
		}

	}

}
