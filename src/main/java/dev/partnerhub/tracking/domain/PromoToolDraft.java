package dev.partnerhub.tracking.domain;

import org.jspecify.annotations.Nullable;

/**
 * What the console submits for a promo tool; the service checks it against the kind's
 * rules.
 */
public record PromoToolDraft(PromoToolKind kind, @Nullable Long programId, String name, @Nullable String landingUrl,
		@Nullable String altText, @Nullable Integer width, @Nullable Integer height, @Nullable String emailSubject,
		@Nullable String emailBody, @Nullable String lightboxHtml) {
}
