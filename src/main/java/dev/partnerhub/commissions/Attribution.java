package dev.partnerhub.commissions;

import dev.partnerhub.programs.Credit;
import org.jspecify.annotations.Nullable;

/**
 * The partner credited for a contact's purchases and the rule that chose him (first or
 * last referrer), or the partner coupon that chose him for one order ({@code rule} null
 * then).
 */
public record Attribution(long partnerId, Credit rule, @Nullable String coupon) {

	public Attribution(long partnerId, Credit rule) {
		this(partnerId, rule, null);
	}

	/**
	 * Credit by a partner coupon: it wins over the buyer's referral info for that order.
	 */
	public static Attribution byCoupon(long partnerId, String coupon) {
		return new Attribution(partnerId, null, coupon);
	}

}
