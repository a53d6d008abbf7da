package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.commissions.Sale;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.ExchangeRate;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.support.UnprocessableException;

/**
 * The commission rules, free of I/O so they can be tested alone: who earns (approved, not
 * the buyer), tier 2 only for a parent in a two-tier program, recurring charges only
 * within the program's limits, and how much per line.
 */
public final class CommissionCalculator {

	private CommissionCalculator() {
	}

	/**
	 * A partner who may earn, with his contact's e-mail (self-purchase check) and his
	 * current program.
	 */
	public record Earner(PartnerSummary partner, String email, ProgramSummary program) {
	}

	public record Buyer(long contactId, String email) {
	}

	/**
	 * A commission to insert, in its earner's program currency and earned in that program
	 * ({@code programId}, whose rates priced it). {@code baseAmount} is the line's net in
	 * the order's currency (refunds are pro rata to it); {@code conversion} is the rate
	 * it was converted at, null when the order was in the program's currency.
	 */
	public record Draft(long partnerId, long programId, int tier, Sale.Line line, BigDecimal baseAmount,
			BigDecimal amount, String reason, String currency, ExchangeRate conversion) {
	}

	/**
	 * The rate from the order's currency to a program's on a day; fails (422) when none
	 * is stored.
	 */
	@FunctionalInterface
	public interface Conversions {

		ExchangeRate rate(String from, String to, LocalDate day);

	}

	/**
	 * Without stored rates: an order in another currency than an earner's program fails.
	 */
	static final Conversions NO_RATES = (from, to, day) -> {
		throw new UnprocessableException("currency",
				"No exchange rate " + from + "→" + to + " is stored for " + day + " or earlier.");
	};

	public static List<Draft> drafts(Sale sale, Credit rule, Buyer buyer, Earner tier1, Earner parent) {
		return drafts(sale, rule, buyer, tier1, parent, NO_RATES);
	}

	/**
	 * @param rule how the referrer was chosen; null when a partner coupon chose him
	 * ({@code sale.attribution().coupon()})
	 * @param tier1 the credited referrer, null when there is none
	 * @param parent his parent, null when there is none
	 * @param rates asked only for an earner whose program's currency is not the order's
	 */
	public static List<Draft> drafts(Sale sale, Credit rule, Buyer buyer, Earner tier1, Earner parent,
			Conversions rates) {
		List<Draft> drafts = new ArrayList<>();
		if (tier1 == null || !mayEarn(tier1, buyer)) {
			return drafts;
		}
		String code = tier1.partner().code();
		String suffix = sale.recurringCharge() ? ", charge " + sale.chargeLabel() : "";
		String coupon = sale.attribution() == null ? null : sale.attribution().coupon();
		if (earnsOnThisSale(tier1.program(), sale)) {
			add(drafts, sale, tier1, 1,
					"tier 1: "
							+ (coupon != null ? "coupon " + coupon + " of " + code : rule.value() + " referrer " + code)
							+ suffix,
					rates);
		}
		if (parent != null && mayEarn(parent, buyer) && parent.program().twoTier()
				&& earnsOnThisSale(parent.program(), sale)) {
			add(drafts, sale, parent, 2,
					"tier 2: parent of " + code + (coupon != null ? " (coupon " + coupon + ")" : "") + suffix, rates);
		}
		return drafts;
	}

	/**
	 * The earner's commissions on each line, in his program's currency: an order in
	 * another currency is converted line by line at the rate of the sale's day (UTC)
	 * before the program's rate applies (percent of the converted net; a flat rate is
	 * already money of the program's currency).
	 */
	private static void add(List<Draft> drafts, Sale sale, Earner earner, int tier, String reason, Conversions rates) {
		String currency = earner.program().currency();
		ExchangeRate conversion = currency.equals(sale.currency()) ? null
				: rates.rate(sale.currency(), currency, LocalDate.ofInstant(sale.occurredAt(), ZoneOffset.UTC));
		String note = conversion == null ? "" : " (" + sale.currency() + " converted to " + currency + " at "
				+ conversion.rate().stripTrailingZeros().toPlainString() + ", rate of " + conversion.day() + ")";
		for (Sale.Line line : sale.lines()) {
			Sale.Line priced = conversion == null ? line : new Sale.Line(line.orderItemId(), line.productId(),
					line.sku(), line.quantity(), conversion.convert(line.net()));
			BigDecimal amount = amountFor(earner.program(), priced, tier);
			// A zero commission (free line, 0 % rate) is noise in every list and total:
			// not recorded.
			if (amount.signum() > 0) {
				drafts.add(new Draft(earner.partner().id(), earner.program().id(), tier, line, line.net(), amount,
						reason + note, currency, conversion));
			}
		}
	}

	/**
	 * The program's product rate for the tier, or its default: percent of the net
	 * (HALF_UP) or flat per unit.
	 */
	public static BigDecimal amountFor(ProgramSummary program, Sale.Line line, int tier) {
		Rate rate = program.rateFor(line.productId(), tier);
		return rate.commissionFor(line.net(), line.quantity());
	}

	/** Approved, and not his own purchase (same contact or same e-mail). */
	static boolean mayEarn(Earner earner, Buyer buyer) {
		return earner.partner().status() == PartnerStatus.APPROVED && earner.partner().contactId() != buyer.contactId()
				&& (earner.email() == null || !earner.email().equalsIgnoreCase(buyer.email()));
	}

	/**
	 * The initial sale always earns; a recurring charge only if the program pays
	 * recurring, within its months.
	 */
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
		Instant until = sale.orderStartedAt()
			.atOffset(ZoneOffset.UTC)
			.plusMonths(program.recurringMonths())
			.toInstant();
		return sale.occurredAt().isBefore(until);
	}

	/**
	 * How much of a commission a refund takes: its share of the refunded part of its base
	 * (HALF_UP), never more than what is left of it; everything left when the order is
	 * now fully refunded.
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
