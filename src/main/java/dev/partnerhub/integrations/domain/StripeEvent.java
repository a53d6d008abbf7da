package dev.partnerhub.integrations.domain;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A verified Stripe event: {@code object} is its {@code data.object} (a Checkout Session,
 * an invoice, a charge...).
 */
public record StripeEvent(String id, String type, Instant created, boolean livemode, JsonNode object) {
}
