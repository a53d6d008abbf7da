package dev.partnerhub.rollups;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.partnerhub.filters.FieldCatalog.Field;
import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.FieldType;

/**
 * The related rows a rollup runs over, for a partner P (rows aliased {@code t}):
 * <ul>
 * <li>{@code commissions_earned}: commissions with {@code partner_id = P} (any status,
 * clawbacks included);</li>
 * <li>{@code referred_contacts_first}/{@code _last}: contacts whose first/last referrer
 * is P;</li>
 * <li>{@code active_referred_open_orders}: orders with status {@code open} credited to P
 * at order time ({@code customer_order.referrer_id}) — the open orders P earns recurring
 * commissions on.</li>
 * </ul>
 * Each has a {@link FieldCatalog} of filterable fields and the numeric fields
 * sum/avg/min/max may roll up.
 */
public enum Relationship {

	COMMISSIONS_EARNED("Commissions earned", "commission_ledger", "partner_id", "true", List.of("amount"),
			FieldCatalog.of(
					Field.status("status", "t.status", List.of("pending", "approved", "declined", "paid", "refunded")),
					Field.of("product", FieldType.TEXT, "t.sku"), Field.of("tier", FieldType.NUMBER, "t.tier"),
					Field.of("amount", FieldType.MONEY, "t.amount"),
					Field.of("dateProcessed", FieldType.DATE, "t.transaction_date"),
					Field.of("datePaid", FieldType.DATE, "t.paid_at"))),
	REFERRED_CONTACTS_FIRST("Referred contacts (first referrer)", "contact_directory", "first_referrer_id", "true",
			List.of(),
			FieldCatalog.of(Field.of("dateAdded", FieldType.DATE, "t.date_added"),
					Field.of("email", FieldType.TEXT, "t.email"))),
	REFERRED_CONTACTS_LAST("Referred contacts (last referrer)", "contact_directory", "last_referrer_id", "true",
			List.of(),
			FieldCatalog.of(Field.of("dateAdded", FieldType.DATE, "t.date_added"),
					Field.of("email", FieldType.TEXT, "t.email"))),
	ACTIVE_REFERRED_OPEN_ORDERS("Active referred open orders", "order_ledger", "referrer_id", "t.status = 'open'",
			List.of("total"),
			FieldCatalog.of(Field.of("total", FieldType.MONEY, "t.total"),
					Field.exists("product", FieldType.TEXT,
							"exists (select 1 from order_lines oi where oi.order_id = t.id and %s)", "oi.sku"),
					Field.of("dateAdded", FieldType.DATE, "t.occurred_at")));

	private final String label;

	private final String table;

	private final String ownerColumn;

	private final String baseCondition;

	private final List<String> valueFields;

	private final FieldCatalog catalog;

	Relationship(String label, String table, String ownerColumn, String baseCondition, List<String> valueFields,
			FieldCatalog catalog) {
		this.label = label;
		this.table = table;
		this.ownerColumn = ownerColumn;
		this.baseCondition = baseCondition;
		this.valueFields = valueFields;
		this.catalog = catalog;
	}

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String label() {
		return this.label;
	}

	/**
	 * The table the related rows live in (aliased {@code t} in {@link #catalog()} SQL).
	 */
	public String table() {
		return this.table;
	}

	/** The column of {@link #table()} holding the partner id the row belongs to. */
	public String ownerColumn() {
		return this.ownerColumn;
	}

	/** Always part of the relationship (e.g. only open orders). */
	public String baseCondition() {
		return this.baseCondition;
	}

	/** Fields sum/avg/min/max may roll up (money); empty when only count makes sense. */
	public List<String> valueFields() {
		return this.valueFields;
	}

	public FieldCatalog catalog() {
		return this.catalog;
	}

	@JsonCreator
	public static Relationship of(String value) {
		if (value != null) {
			for (Relationship relationship : values()) {
				if (relationship.value().equalsIgnoreCase(value.strip())) {
					return relationship;
				}
			}
		}
		throw new IllegalArgumentException("relationship must be one of commissions_earned, referred_contacts_first, "
				+ "referred_contacts_last, active_referred_open_orders, not '" + value + "'");
	}

}
