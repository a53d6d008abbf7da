package dev.partnerhub.partnercenter.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.support.InvalidInputException;

/**
 * Where a dynamic-list block's rows come from. Each source owns its SQL (written here,
 * never from input): the table aliased {@code t}, the predicate that ties every row to
 * the logged-in partner ({@code :me}), the filter catalog (the rollup relationship's) and
 * the columns a list may show or sort by. "Partners of the program" is the leaderboard of
 * a rollup: names and values only.
 */
public enum ListSource {

	COMMISSIONS_EARNED("Commissions earned", Relationship.COMMISSIONS_EARNED,
			"commission_ledger t left join contact_directory ct on ct.id = t.contact_id left join product_catalog pd on pd.id = t.product_id",
			"t.partner_id = :me",
			columns("dateProcessed", "Date processed", "t.transaction_date", "product", "Product",
					"coalesce(pd.name, t.sku)", "sku", "SKU", "t.sku", "customer", "Customer",
					"concat_ws(' ', ct.first_name, ct.last_name)", "amount", "Commission", "t.amount", "status",
					"Status", "t.status", "tier", "Tier", "t.tier", "datePaid", "Date paid", "t.paid_at")),
	REFERRED_CONTACTS_FIRST("Referred contacts (first referrer)", Relationship.REFERRED_CONTACTS_FIRST,
			"contact_directory t", "t.first_referrer_id = :me",
			columns("name", "Name", "concat_ws(' ', t.first_name, t.last_name)", "dateAdded", "Date added",
					"t.date_added")),
	REFERRED_CONTACTS_LAST("Referred contacts (last referrer)", Relationship.REFERRED_CONTACTS_LAST,
			"contact_directory t", "t.last_referrer_id = :me",
			columns("name", "Name", "concat_ws(' ', t.first_name, t.last_name)", "dateAdded", "Date added",
					"t.date_added")),
	ACTIVE_REFERRED_OPEN_ORDERS("Active referred open orders", Relationship.ACTIVE_REFERRED_OPEN_ORDERS,
			"order_ledger t left join contact_directory ct on ct.id = t.contact_id",
			"t.referrer_id = :me and t.status = 'open'",
			columns("dateAdded", "Order date", "t.occurred_at", "customer", "Customer",
					"concat_ws(' ', ct.first_name, ct.last_name)", "total", "Total", "t.total", "currency", "Currency",
					"t.currency")),
	PROGRAM_PARTNERS("Partners of the program (ranked by a rollup)", null, null, null,
			columns("rank", "Rank", "rank", "name", "Partner", "name", "value", "Value", "value"));

	/** A column: label and the SQL expression over {@code t} (fixed here). */
	public record Column(String name, String label, String sql) {
	}

	private final String label;

	private final Relationship relationship;

	private final String from;

	private final String owner;

	private final Map<String, Column> columns;

	ListSource(String label, Relationship relationship, String from, String owner, Map<String, Column> columns) {
		this.label = label;
		this.relationship = relationship;
		this.from = from;
		this.owner = owner;
		this.columns = columns;
	}

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String label() {
		return this.label;
	}

	/** Null for {@link #PROGRAM_PARTNERS} (no filter there). */
	public FieldCatalog catalog() {
		return this.relationship == null ? null : this.relationship.catalog();
	}

	String from() {
		return this.from;
	}

	/** The partner scope, always part of the WHERE clause. */
	String owner() {
		return this.owner;
	}

	public Map<String, Column> columns() {
		return this.columns;
	}

	public static ListSource of(String value) {
		for (ListSource source : values()) {
			if (source.value().equals(value)) {
				return source;
			}
		}
		throw new InvalidInputException("source", "source: choose one of commissions_earned, "
				+ "referred_contacts_first, referred_contacts_last, active_referred_open_orders, program_partners");
	}

	private static Map<String, Column> columns(String... triples) {
		Map<String, Column> map = new LinkedHashMap<>();
		for (int i = 0; i < triples.length; i += 3) {
			map.put(triples[i], new Column(triples[i], triples[i + 1], triples[i + 2]));
		}
		return map;
	}

}
