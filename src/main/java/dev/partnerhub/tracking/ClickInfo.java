package dev.partnerhub.tracking;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A click as other modules see it; {@code subId} and {@code duplicate} are null until the
 * click row is written.
 */
public record ClickInfo(String token, long partnerId, @Nullable Long promoToolId, Instant clickedAt,
		@Nullable String subId, @Nullable Boolean duplicate) {
}
