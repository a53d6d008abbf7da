package dev.partnerhub.partnercenter.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The commission lists of the partner center (the seed's dynamic blocks): pending,
 * history (paid), one product in the last 30 days, earnings (commissions) and refunds
 * (refunded ones and clawbacks). The partner condition is added by the query, never here.
 */
public sealed interface CommissionFilter {

	PartnerCenterQueries.Where where();

	String defaultOrder();

	record Pending() implements CommissionFilter {

		public PartnerCenterQueries.Where where() {
			return new PartnerCenterQueries.Where("cm.status = 'pending'", Map.of());
		}

		public String defaultOrder() {
			return "cm.transaction_date desc";
		}

	}

	record History() implements CommissionFilter {

		public PartnerCenterQueries.Where where() {
			return new PartnerCenterQueries.Where("cm.status = 'paid'", Map.of());
		}

		public String defaultOrder() {
			return "cm.paid_at desc";
		}

	}

	/** {@code productId} null = every product, still within the last days. */
	record Product(@Nullable Long productId, Instant since) implements CommissionFilter {

		public PartnerCenterQueries.Where where() {
			return this.productId == null
					? new PartnerCenterQueries.Where("cm.transaction_date >= :since",
							Map.of("since", Timestamp.from(this.since)))
					: new PartnerCenterQueries.Where("cm.product_id = :product and cm.transaction_date >= :since",
							Map.of("product", this.productId, "since", Timestamp.from(this.since)));
		}

		public String defaultOrder() {
			return "cm.transaction_date desc";
		}

	}

	/** What he earned: every commission except refunded ones and clawbacks. */
	record Earned() implements CommissionFilter {

		public PartnerCenterQueries.Where where() {
			return new PartnerCenterQueries.Where("cm.status <> 'refunded' and cm.clawback_of is null", Map.of());
		}

		public String defaultOrder() {
			return "cm.transaction_date desc";
		}

	}

	/**
	 * What refunds took back: commissions refunded before payment and clawbacks of paid
	 * ones.
	 */
	record Refunds() implements CommissionFilter {

		public PartnerCenterQueries.Where where() {
			return new PartnerCenterQueries.Where("(cm.status = 'refunded' or cm.clawback_of is not null)", Map.of());
		}

		public String defaultOrder() {
			return "cm.transaction_date desc";
		}

	}

}
