package dev.partnerhub.imports.domain;

import java.util.List;
import java.util.Locale;

import dev.partnerhub.support.InvalidInputException;

/**
 * What a file holds, and the headers it is read by (first name = the documented one; the
 * others are aliases).
 */
public enum ImportKind {

	CONTACTS("contacts", List.of("email"), List.of("email", "first_name", "last_name")),

	PARTNERS("partners", List.of("email", "program"),
			List.of("email", "first_name", "last_name", "program", "code", "status", "payout_email", "parent_code")),

	COMMISSIONS("commissions", List.of("external_id", "partner", "customer_email", "amount", "transaction_date"),
			List.of("external_id", "partner", "customer_email", "order_id", "sku", "amount", "currency", "tier",
					"status", "transaction_date", "paid_date", "sale_amount"));

	private final String value;

	private final List<String> required;

	private final List<String> columns;

	ImportKind(String value, List<String> required, List<String> columns) {
		this.value = value;
		this.required = required;
		this.columns = columns;
	}

	public String value() {
		return this.value;
	}

	public List<String> columns() {
		return this.columns;
	}

	List<String> required() {
		return this.required;
	}

	public static ImportKind of(String value) {
		for (ImportKind kind : values()) {
			if (kind.value.equals(value == null ? null : value.strip().toLowerCase(Locale.ROOT))) {
				return kind;
			}
		}
		throw new InvalidInputException("kind", "Choose what the file holds: contacts, partners or commissions.");
	}

	/** Header names other systems use for the same column. */
	static String[] aliases(String column) {
		return switch (column) {
			case "email" -> new String[] { "email", "e-mail", "email address", "e-mail address", "mail" };
			case "first_name" -> new String[] { "first_name", "first name", "firstname", "given name" };
			case "last_name" -> new String[] { "last_name", "last name", "lastname", "surname", "family name" };
			case "program" -> new String[] { "program", "programme", "program name", "campaign" };
			case "code" ->
				new String[] { "code", "partner code", "affiliate code", "referral code", "ref code", "affiliate id" };
			case "status" -> new String[] { "status", "partner status", "affiliate status" };
			case "payout_email" -> new String[] { "payout_email", "payout email", "paypal email", "paypal" };
			case "parent_code" ->
				new String[] { "parent_code", "parent code", "parent", "referred by", "parent affiliate" };
			case "external_id" ->
				new String[] { "external_id", "external id", "commission id", "commission_id", "transaction id", "id" };
			case "partner" -> new String[] { "partner", "partner code", "partner email", "affiliate", "affiliate code",
					"affiliate email", "affiliate id", "referrer" };
			case "customer_email" -> new String[] { "customer_email", "customer email", "customer e-mail", "customer",
					"buyer email", "email" };
			case "order_id" -> new String[] { "order_id", "order id", "order", "order number", "external order id" };
			case "sku" -> new String[] { "sku", "product", "product sku", "product id" };
			case "amount" -> new String[] { "amount", "commission", "commission amount", "earnings" };
			case "currency" -> new String[] { "currency", "currency code" };
			case "tier" -> new String[] { "tier", "level" };
			case "transaction_date" -> new String[] { "transaction_date", "transaction date", "date processed", "date",
					"created", "created at", "commission date" };
			case "paid_date" -> new String[] { "paid_date", "paid date", "date paid", "paid at", "paid on" };
			case "sale_amount" ->
				new String[] { "sale_amount", "sale amount", "sale total", "order total", "order amount" };
			default -> new String[] { column };
		};
	}

}
