package dev.partnerhub.integrations.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import dev.partnerhub.orders.OrderApi;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

/**
 * Reading Stripe's objects as its API versions send them: the buyer, referral and coupon
 * metadata, invoice amounts and dates, payment references, and the order lines we make of
 * them. No state; every method is a pure function.
 */
final class StripeObjects {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private StripeObjects() {
	}

	record Buyer(String email, @Nullable String firstName, @Nullable String lastName) {
	}

	static Buyer buyer(JsonNode session) {
		String email = firstNonNull(Json.text(session, "customer_details", "email"),
				Json.text(session, "customer_email"));
		if (email == null || email.length() > 254 || !email.contains("@")) {
			throw new StripeEventException("The Checkout Session has no customer e-mail.");
		}
		String[] name = names(Json.text(session, "customer_details", "name"));
		return new Buyer(email, name[0], name[1]);
	}

	/** "Ann Marie Smith" → ["Ann Marie", "Smith"]; each at most 100 characters. */
	static String[] names(String full) {
		if (full == null) {
			return new String[] { null, null };
		}
		int space = full.lastIndexOf(' ');
		String first = space < 0 ? full : full.substring(0, space).strip();
		String last = space < 0 ? null : full.substring(space + 1).strip();
		return new String[] { Json.limit(first, 100), Json.limit(last, 100) };
	}

	/**
	 * {@code client_reference_id}, else {@code metadata.partnerhub_referral}: a click
	 * token or a partner code.
	 */
	static String referralOf(JsonNode session) {
		String referral = Json.text(session, "client_reference_id");
		return referral != null && referral.length() <= 200 ? referral : referral(Json.at(session, "metadata"));
	}

	static String referral(JsonNode metadata) {
		String referral = Json.text(metadata, "partnerhub_referral");
		return referral == null || referral.length() > 200 ? null : referral;
	}

	static String coupon(JsonNode metadata) {
		String code = Json.text(metadata, "partnerhub_coupon");
		return code == null || code.length() > 64 ? null : code;
	}

	/**
	 * The subscription an invoice bills: {@code parent.subscription_details} (since
	 * 2025), else {@code subscription}.
	 */
	static String subscriptionOf(JsonNode invoice) {
		return firstNonNull(Json.id(invoice, "parent", "subscription_details", "subscription"),
				Json.id(invoice, "subscription"));
	}

	/**
	 * The subscription's metadata as the invoice carries it (new and old API versions).
	 */
	static JsonNode subscriptionMetadata(JsonNode invoice) {
		JsonNode metadata = Json.at(invoice, "parent", "subscription_details", "metadata");
		return metadata.isObject() ? metadata : Json.at(invoice, "subscription_details", "metadata");
	}

	/**
	 * What the invoice charged for, without tax: {@code total_excluding_tax}, else
	 * {@code amount_paid}.
	 */
	static long invoiceNet(JsonNode invoice) {
		Long net = Json.number(invoice, "total_excluding_tax");
		return Math.max(0, net != null ? net : orZero(Json.number(invoice, "amount_paid")));
	}

	static Instant paidAt(JsonNode invoice, StripeEvent event) {
		Long paid = Json.number(invoice, "status_transitions", "paid_at");
		if (paid != null) {
			return Instant.ofEpochSecond(paid);
		}
		Long created = Json.number(invoice, "created");
		return event != null ? event.created() : created != null ? Instant.ofEpochSecond(created) : null;
	}

	/**
	 * Payment intent and charge as invoices said them before 2025 (now:
	 * invoice_payment.paid events).
	 */
	static List<String> legacyPayments(JsonNode invoice) {
		return refs(Json.id(invoice, "payment_intent"), Json.id(invoice, "charge"));
	}

	static JsonNode readInvoice(StripeStore.Subscription row) {
		try {
			return JSON.readTree(row.waitingInvoice());
		}
		catch (JacksonException ex) {
			throw new StripeEventException("The waiting invoice of " + row.subscriptionId() + " cannot be read.");
		}
	}

	/**
	 * A line of {@code net} (minor units): its quantity when the net divides into cents,
	 * else one of the whole net.
	 */
	static OrderApi.Line line(String sku, Long quantity, long net, String currency) {
		return SaleLines.line(sku, quantity, StripeMoney.amount(Math.max(0, net), currency));
	}

	static List<String> refs(String... refs) {
		LinkedHashSet<String> out = new LinkedHashSet<>();
		for (String ref : refs) {
			if (ref != null && !ref.isBlank() && ref.length() <= 255) {
				out.add(ref);
			}
		}
		return new ArrayList<>(out);
	}

	static long orZero(Long value) {
		return value == null ? 0 : value;
	}

	@SafeVarargs
	static <T> @Nullable T firstNonNull(T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	static String required(String value, String message) {
		if (value == null || value.length() > 200) {
			throw new StripeEventException(message);
		}
		return value;
	}

}
