package dev.partnerhub.commissions;

import java.util.List;

/**
 * What a bulk approve or decline did: how many commissions changed, and for each one that
 * did not, why (only {@code pending} commissions can be approved or declined).
 */
public record LifecycleResult(int changed, List<Skipped> skipped) {

	public LifecycleResult {
		skipped = List.copyOf(skipped);
	}

	/**
	 * @param reason "already approved", "already declined", "approved", "declined",
	 * "paid", "refunded", "not found"
	 */
	public record Skipped(long id, String reason) {
	}

}
