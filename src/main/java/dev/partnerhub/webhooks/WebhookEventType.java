package dev.partnerhub.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events an endpoint can subscribe to, by their wire names (DESIGN.md). */
public enum WebhookEventType {

	PARTNER_CREATED("partner.created"), PARTNER_APPROVED("partner.approved"), COMMISSION_CREATED("commission.created"),
	COMMISSION_APPROVED("commission.approved"), COMMISSION_PAID("commission.paid"), PAYOUT_PAID("payout.paid"),
	ORDER_REFUNDED("order.refunded");

	private final String wireName;

	WebhookEventType(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	/** The prefix of this event's message ids ({@code msg_commission_created_42}). */
	public String messagePrefix() {
		return "msg_" + this.wireName.replace('.', '_') + "_";
	}

	public static Optional<WebhookEventType> of(String wireName) {
		return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
	}

	public static List<String> wireNames() {
		return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
	}

}
