package dev.partnerhub.imports.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.partnerhub.support.DayRange;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.ImportedCommission;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.MoneyInput;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Commission rows of an import: checked completely first (so the dry run reports every
 * problem the real run would), then recorded through the orders and commissions modules.
 */
@Component
class CommissionRows {

	private final ContactApi contacts;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final OrderApi orders;

	private final CommissionApi commissions;

	private final Clock clock;

	CommissionRows(ContactApi contacts, PartnerApi partners, ProgramApi programs, OrderApi orders,
			CommissionApi commissions, Clock clock) {
		this.clock = clock;
		this.contacts = contacts;
		this.partners = partners;
		this.programs = programs;
		this.orders = orders;
		this.commissions = commissions;
	}

	/**
	 * One commission: checked completely first (so the dry run reports every problem the
	 * real run would), then, when applied, a sale recorded by the orders module and the
	 * commission as it is by the commissions module, in this row's transaction.
	 * Idempotent by external id: the synthetic order id "imported:<external id>" and the
	 * unique commission.external_id both stop a second copy (a concurrent import waits
	 * for the first commit, then skips).
	 */
	CsvImports.RowResult commission(Columns c, CsvTable.Row row, Seen seen, boolean apply, String actor) {
		String externalId = row.get(c.get("external_id"));
		String partnerRef = row.get(c.get("partner"));
		String email = row.get(c.get("customer_email"));
		String orderRef = row.get(c.get("order_id"));
		String sku = row.get(c.get("sku"));
		String amountText = row.get(c.get("amount"));
		String currencyText = row.get(c.get("currency"));
		String tierText = row.get(c.get("tier"));
		String statusText = row.get(c.get("status"));
		String dateText = row.get(c.get("transaction_date"));
		String paidText = row.get(c.get("paid_date"));
		String saleText = row.get(c.get("sale_amount"));
		if (externalId.isEmpty()) {
			return RowChecks.error(row, "External id is missing.");
		}
		if (externalId.length() > EXTERNAL_ID_MAX || !EXTERNAL_ID.matcher(externalId).matches()) {
			return RowChecks.error(row, "External id '" + RowChecks.shorten(externalId) + "' must be 1-"
					+ EXTERNAL_ID_MAX + " letters, digits or . _ : / # @ + - characters.");
		}
		String duplicate = seen.duplicate("external id", externalId, row.line());
		if (duplicate != null) {
			return RowChecks.error(row, duplicate);
		}
		if (partnerRef.isEmpty()) {
			return RowChecks.error(row, "Partner is missing (a partner code or e-mail).");
		}
		String problem = RowChecks.checkEmail("customer e-mail", email, true);
		if (problem != null) {
			return RowChecks.error(row, problem.equals("E-mail is missing.") ? "Customer e-mail is missing." : problem);
		}
		if (orderRef.length() > 100 || orderRef.chars().anyMatch(Character::isISOControl)) {
			return RowChecks.error(row, "Order id '" + RowChecks.shorten(orderRef)
					+ "' must be at most 100 characters, no control characters.");
		}
		BigDecimal amount = money(amountText);
		if (amount == null || amount.signum() <= 0) {
			return RowChecks.error(row,
					amountText.isEmpty() ? "Amount is missing." : "Amount '" + RowChecks.shorten(amountText)
							+ "' is not a positive amount with at most 2 decimals (e.g. 12.50).");
		}
		if (amount.compareTo(MoneyInput.maxAmount()) > 0) {
			return RowChecks.error(row, "Amount " + amount + " is above the maximum of " + MoneyInput.maxAmount()
					+ " (partnerhub.money.max-amount).");
		}
		BigDecimal sale = BigDecimal.ZERO.setScale(2);
		if (!saleText.isEmpty()) {
			sale = money(saleText);
			if (sale == null) {
				return RowChecks.error(row, "Sale amount '" + RowChecks.shorten(saleText)
						+ "' is not an amount with at most 2 decimals (e.g. 99.00).");
			}
			if (sale.compareTo(MoneyInput.maxAmount()) > 0) {
				return RowChecks.error(row, "Sale amount " + sale + " is above the maximum of " + MoneyInput.maxAmount()
						+ " (partnerhub.money.max-amount).");
			}
		}
		int tier = 1;
		if (!tierText.isEmpty()) {
			if (!tierText.equals("1") && !tierText.equals("2")) {
				return RowChecks.error(row, "Tier '" + RowChecks.shorten(tierText) + "' must be 1 or 2.");
			}
			tier = Integer.parseInt(tierText);
		}
		CommissionStatus status = CommissionStatus.PENDING;
		if (!statusText.isEmpty()) {
			try {
				status = CommissionStatus.of(statusText.strip());
			}
			catch (IllegalArgumentException ex) {
				return RowChecks.error(row, "Status '" + RowChecks.shorten(statusText)
						+ "' is not pending, approved, paid, declined or refunded.");
			}
		}
		Instant date = instant(dateText);
		if (date == null) {
			return RowChecks.error(row, dateText.isEmpty() ? "Transaction date is missing." : "Transaction date '"
					+ RowChecks.shorten(dateText) + "' is not a date like 2025-03-31 or 2025-03-31T14:05:00Z.");
		}
		Instant now = this.clock.instant();
		if (date.isAfter(now.plus(Duration.ofDays(1))) || date.isBefore(EARLIEST)) {
			return RowChecks.error(row, "Transaction date " + dateText + " is in the future or before 1990.");
		}
		Instant paidAt = null;
		if (!paidText.isEmpty()) {
			if (status != CommissionStatus.PAID) {
				return RowChecks.error(row,
						"Paid date is only for paid commissions (this one is " + status.value() + ").");
			}
			paidAt = instant(paidText);
			if (paidAt == null) {
				return RowChecks.error(row, "Paid date '" + RowChecks.shorten(paidText)
						+ "' is not a date like 2025-03-31 or 2025-03-31T14:05:00Z.");
			}
			if (paidAt.isBefore(date) || paidAt.isAfter(now.plus(Duration.ofDays(1)))) {
				return RowChecks.error(row,
						"Paid date " + paidText + " is before the transaction date or in the future.");
			}
		}
		else if (status == CommissionStatus.PAID) {
			paidAt = date;
		}
		Optional<PartnerSummary> partner = partnerRef.contains("@")
				? this.contacts.findByEmail(partnerRef).flatMap(x -> this.partners.findByContactId(x.id()))
				: this.partners.findByCode(partnerRef);
		if (partner.isEmpty()) {
			return RowChecks.error(row,
					"Unknown partner '" + RowChecks.shorten(partnerRef) + "' (no partner has this code or e-mail).");
		}
		Optional<ProgramSummary> program = this.programs.findProgram(partner.get().programId());
		String currency = currencyText.isEmpty() ? program.map(ProgramSummary::currency).orElse("") : currencyText;
		if (!Currencies.isValid(currency)) {
			return RowChecks.error(row, "Currency '" + RowChecks.shorten(currencyText)
					+ "' must be an ISO 4217 code in upper case, such as USD or EUR.");
		}
		if (!sku.isEmpty() && this.programs.findProductBySku(sku).isEmpty()) {
			return RowChecks.error(row, "Unknown product sku '" + RowChecks.shorten(sku)
					+ "' (leave it empty when the product is not here).");
		}
		String summary = externalId + " · " + partner.get().code() + " · " + amount.setScale(2) + " " + currency + " · "
				+ status.value();
		if (this.commissions.existsExternal(externalId)) {
			return new CsvImports.RowResult(row.line(), CsvImports.Action.EXISTS, summary + " (already imported)",
					null);
		}
		if (apply) {
			Optional<OrderApi.RecordedSale> recorded = this.orders
				.recordSale(new OrderApi.ExternalSale(IMPORTED_ORDER_PREFIX + externalId, email,
						sku.isEmpty() ? null : sku, sale, currency, date, tier == 1 ? partner.get().id() : null));
			if (recorded.isEmpty()) {
				return new CsvImports.RowResult(row.line(), CsvImports.Action.EXISTS, summary + " (already imported)",
						null);
			}
			OrderApi.RecordedSale s = recorded.get();
			String reason = "Imported" + (orderRef.isEmpty() ? "" : " (order " + orderRef + " in the other system)")
					+ " by " + actor + ".";
			Optional<Long> id = this.commissions.recordImported(new ImportedCommission(externalId, partner.get().id(),
					s.contactId(), s.orderId(), s.orderItemId(), s.productId(), s.sku(), tier, s.amount(),
					amount.setScale(2), currency, status, date, paidAt, reason, actor));
			if (id.isEmpty()) {
				// the external id exists under another order id (imported meanwhile):
				// undo this row's order
				throw new AlreadyImported();
			}
		}
		return new CsvImports.RowResult(row.line(), CsvImports.Action.CREATE, summary, null);
	}

	/** Thrown to roll a row back that turned out to be imported meanwhile. */
	static final class AlreadyImported extends RuntimeException {

		AlreadyImported() {
			super("already imported", null, false, false);
		}

	}

	static final String IMPORTED_ORDER_PREFIX = "imported:";

	private static final int EXTERNAL_ID_MAX = 90;

	private static final Pattern EXTERNAL_ID = Pattern.compile("^[A-Za-z0-9._:/#@+-]+$");

	private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

	/**
	 * A non-negative plain amount (support.MoneyInput: at most 2 decimals and a dot, no
	 * sign, exponent or thousands separators); null otherwise. The caller checks the
	 * maximum with its own message.
	 */
	static BigDecimal money(String text) {
		return MoneyInput.isPlainAmount(text) ? new BigDecimal(text).setScale(2) : null;
	}

	/**
	 * ISO dates: 2025-03-31 (midnight UTC), 2025-03-31T14:05[:00][Z|+02:00], or a space
	 * instead of T (UTC).
	 */
	static @Nullable Instant instant(String text) {
		if (text.isEmpty() || text.length() > 40) {
			return null;
		}
		String t = text.strip().replace(' ', 'T');
		try {
			if (t.length() == 10) {
				return DayRange.startOf(LocalDate.parse(t));
			}
			try {
				return OffsetDateTime.parse(t).toInstant();
			}
			catch (DateTimeParseException ex) {
				return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
			}
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
