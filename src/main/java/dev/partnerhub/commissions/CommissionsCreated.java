package dev.partnerhub.commissions;

import java.util.List;

/**
 * The new commissions of one crediting (a sale, a recurring charge, or a group-committed
 * batch of new orders), clawbacks excluded, with their distinct earning partners.
 * Published once per crediting next to the per-commission {@link CommissionCreated}:
 * listeners that go through the event publication registry (automation) take this one, so
 * a batch of 64 orders costs one registry row instead of 64 (docs/architecture.md,
 * "Events").
 */
public record CommissionsCreated(List<Long> commissionIds, List<Long> partnerIds) {

	public CommissionsCreated {
		commissionIds = List.copyOf(commissionIds);
		partnerIds = List.copyOf(partnerIds);
	}

}
