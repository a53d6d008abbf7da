package dev.partnerhub.tracking;

import java.time.Instant;

/**
 * A click as other modules see it; {@code subId} and {@code duplicate} are null until the
 * click row is written.
 */
public record ClickInfo(String token, long partnerId, Long promoToolId, Instant clickedAt, String subId,
		Boolean duplicate) {
}
