package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.commissions.Sale;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;

/**
 * The commission rules, free of I/O so they can be tested alone: who earns (approved, not the buyer), tier 2 only for
 * a parent in a two-tier program, recurring charges only within the program's limits, and how much per line.
 */
public final class CommissionCalculator {

	private CommissionCalculator() {
	}

	/** A partner who may earn, with his contact's e-mail (self-purchase check) and his current program. */
	public record Earner(PartnerSummary partner, String email, ProgramSummary program) {
	}

	public record Buyer(long contactId, String email) {
	}

	/** A commission to insert. */
	public record Draft(long partnerId, int tier, Sale.Line line, BigDecimal baseAmount, BigDecimal amount,
			String reason) {
	}

	/**
	 * @param rule how the referrer was chosen; null when a partner coupon chose him ({@code sale.attribution().coupon()})
	 * @param tier1 the credited referrer, null when there is none
	 * @param parent his parent, null when there is none
	 */
	public static List<Draft> drafts(Sale sale, Credit rule, Buyer buyer, Earner tier1, Earner parent) {
		List<Draft> drafts = new ArrayList<>();
		if (tier1 == null || !mayEarn(tier1, buyer)) {
			return drafts;
		}
		String code = tier1.partner().code();
		String suffix = sale.recurringCharge() ? ", charge " + sale.chargeLabel() : "";
		String coupon = sale.attribution() == null ? null : sale.attribution().coupon();
		if (earnsOnThisSale(tier1.program(), sale)) {
			add(drafts, sale, tier1, 1, "tier 1: " + (coupon != null ? "coupon " + coupon + " of " + code
					: rule.value() + " referrer " + code) + suffix);
		}
		if (parent != null && mayEarn(parent, buyer) && parent.program().twoTier()
				&& earnsOnThisSale(parent.program(), sale)) {
			add(drafts, sale, parent, 2, "tier 2: parent of " + code + (coupon != null ? " (coupon " + coupon + ")" : "")
					+ suffix);
		}
		return drafts;
	}

	private static void add(List<Draft> drafts, Sale sale, Earner earner, int tier, String reason) {
		String note = earner.program().currency().equalsIgnoreCase(sale.currency()) ? ""
				: " (program currency " + earner.program().currency() + ", recorded in " + sale.currency() + ")";
		for (Sale.Line line : sale.lines()) {
			BigDecimal amount = amountFor(earner.program(), line, tier);
			// A zero commission (free line, 0 % rate) is noise in every list and total: not recorded.
			if (amount.signum() > 0) {
				drafts.add(new Draft(earner.partner().id(), tier, line, line.net(), amount, reason + note));
			}
		}
	}

	/** The program's product rate for the tier, or its default: percent of the net (HALF_UP) or flat per unit. */
	public static BigDecimal amountFor(ProgramSummary program, Sale.Line line, int tier) {
		Rate rate = program.rateFor(line.productId(), tier);
		return rate.commissionFor(line.net(), line.quantity());
	}

	/** Approved, and not his own purchase (same contact or same e-mail). */
	static boolean mayEarn(Earner earner, Buyer buyer) {
		return earner.partner().status() == PartnerStatus.APPROVED && earner.partner().contactId() != buyer.contactId()
				&& (earner.email() == null || !earner.email().equalsIgnoreCase(buyer.email()));
	}

	/** The initial sale always earns; a recurring charge only if the program pays recurring, within its months. */
	static boolean earnsOnThisSale(ProgramSummary program, Sale sale) {
		if (!sale.recurringCharge()) {
			return true;
		}
		if (!program.recurringCommissions()) {
			return false;
		}
		if (program.recurringMonths() == null) {
			return true;
		}
		Instant until = sale.orderStartedAt().atOffset(ZoneOffset.UTC).plusMonths(program.recurringMonths()).toInstant();
		return sale.occurredAt().isBefore(until);
	}

	/**
	 * How much of a commission a refund takes: its share of the refunded part of its base (HALF_UP), never more
	 * than what is left of it; everything left when the order is now fully refunded.
	 */
	public static BigDecimal reduction(BigDecimal originalAmount, BigDecimal remaining, BigDecimal base,
			BigDecimal refundedOfBase, boolean full) {
		if (remaining.signum() <= 0) {
			return BigDecimal.ZERO.setScale(2);
		}
		if (full) {
			return remaining;
		}
		if (base.signum() <= 0 || refundedOfBase == null || refundedOfBase.signum() <= 0) {
			return BigDecimal.ZERO.setScale(2);
		}
		BigDecimal share = originalAmount.multiply(refundedOfBase).divide(base, 2, RoundingMode.HALF_UP);
		return share.min(remaining);
	}

}
