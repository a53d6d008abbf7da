package dev.partnerhub.commissions;

import java.util.List;

/** Published when a refund reduced, refunded or clawed back commissions of an order. */
public record CommissionsRefunded(long orderId, long refundId, List<Long> commissionIds) {

	public CommissionsRefunded {
		commissionIds = List.copyOf(commissionIds);
	}

}
