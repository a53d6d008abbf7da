package dev.partnerhub.commissions;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.contacts.ContactSummary;

/** What other modules (orders now; payouts, rollups later) may do with commissions. */
public interface CommissionApi {

	/**
	 * Who gets tier-1 credit for a purchase by this contact: his first or last referrer
	 * per the global setting.
	 */
	Optional<Attribution> attribute(ContactSummary buyer);

	/**
	 * Creates the commissions a sale (or a recurring charge) earns; none when nobody is
	 * eligible.
	 */
	List<CommissionLine> credit(Sale sale);

	/**
	 * {@link #credit} for several sales at once (a group commit of orders), with one
	 * insert for all their commissions; the answer has one list per sale, in the sales'
	 * order.
	 */
	List<List<CommissionLine>> creditAll(List<Sale> sales);

	/**
	 * Applies a refund pro rata to the order's commissions: unpaid ones are reduced or
	 * refunded, paid ones clawed back.
	 */
	List<CommissionLine> refund(Refund refund);

	/**
	 * Commissions of an order's initial sale (chargeId null) or of one recurring charge,
	 * oldest first.
	 */
	List<CommissionLine> findBySale(long orderId, Long chargeId);

	/** Commissions a refund changed or created (clawbacks). */
	List<CommissionLine> findByRefund(long refundId);

	/** Every commission of an order, clawbacks included. */
	List<CommissionLine> findByOrder(long orderId);

	/**
	 * Every commission of an order with its reason, charge and refund, oldest first (the
	 * console's order page).
	 */
	List<CommissionDetail> detailsOfOrder(long orderId);

	/** The reductions refunds made to the order's unpaid commissions, oldest first. */
	List<CommissionAdjustment> adjustmentsOfOrder(long orderId);

	/**
	 * Approves the given commissions that are {@code pending}; the others are reported as
	 * skipped with a reason. Idempotent and safe to run concurrently: each commission
	 * changes at most once. Audited as the current actor.
	 */
	LifecycleResult approve(Collection<Long> ids);

	/**
	 * Declines the given {@code pending} commissions with a reason (required); like
	 * {@link #approve}.
	 */
	LifecycleResult decline(Collection<Long> ids, String reason);

	/**
	 * A lead reward for the partner whose referral brought a new contact who confirmed an
	 * opt-in for the program, when the program pays one and the partner is in it: a
	 * tier-1 commission of kind {@code lead}, pending (or held), once per contact. Empty
	 * when nothing is due or the contact had his reward before. In the caller's
	 * transaction.
	 */
	Optional<CommissionLine> rewardLead(long contactId, long partnerId, long programId);

	/**
	 * An admin marks a lead invalid (note required, audited): its reward is declined if
	 * unpaid, or clawed back if paid. 404 for a commission that is no lead reward, 409
	 * when it was declined or clawed back before.
	 */
	CommissionLine markLeadInvalid(long commissionId, String note);

	/** Whether a commission with this external id (from a commission import) exists. */
	boolean existsExternal(String externalId);

	/**
	 * Records an imported commission as it is, in the caller's transaction, audited as
	 * {@code commission.import} by its actor; empty when its external id exists already
	 * (a concurrent import waits for the first commit). No {@link CommissionCreated} is
	 * published: history must not fire automation rules (rollups follow by trigger). A
	 * {@code paid} one is never offered to a payout again (payouts take approved ones
	 * only).
	 */
	java.util.Optional<Long> recordImported(ImportedCommission commission);

	/**
	 * Gives a partner a bonus: a pending tier-1 commission of kind {@code bonus},
	 * approved and paid like any other. Idempotent by {@link Bonus#bonusId()} (a unique
	 * key, so concurrent calls create one); the same id with another partner, amount or
	 * currency is a {@link dev.partnerhub.support.ConflictException}. Audited as
	 * {@code commission.bonus} by the current actor.
	 */
	BonusResult giveBonus(Bonus bonus);

	/** A partner's earnings per status and currency, for the partner center. */
	List<EarningsTotal> earningsOf(long partnerId);

}
