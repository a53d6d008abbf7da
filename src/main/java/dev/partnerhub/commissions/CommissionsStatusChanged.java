package dev.partnerhub.commissions;

import java.util.List;

/**
 * Published (synchronously, inside the transaction) for every chunk of commissions an
 * approve, decline or auto-approval moved from one status to another, for rollups and
 * automation. {@code actor} as in the audit log.
 */
public record CommissionsStatusChanged(List<Long> commissionIds, CommissionStatus from, CommissionStatus to,
		String actor) {

	public CommissionsStatusChanged {
		commissionIds = List.copyOf(commissionIds);
	}

}
