package dev.partnerhub.tracking.domain;

/**
 * What the console submits for a promo tool; the service checks it against the kind's
 * rules.
 */
public record PromoToolDraft(PromoToolKind kind, Long programId, String name, String landingUrl, String altText,
		Integer width, Integer height, String emailSubject, String emailBody, String lightboxHtml) {
}
