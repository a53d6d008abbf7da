package dev.partnerhub.contacts;

import org.jspecify.annotations.Nullable;

/**
 * The attribution trail of a contact: how his first and his last referrer came about, in
 * words (e.g. "Click on 2026-11-20 14:03 UTC · promo tool “Spring banner” · SubID
 * newsletter" or "Partner code jane1"). Null where there is no referrer;
 * {@link #SET_MANUALLY} where an admin set or changed him.
 */
public record ReferralTrail(@Nullable String first, @Nullable String last) {

	public static final String SET_MANUALLY = "set manually";

}
