package dev.partnerhub.tracking;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Bulk insert of promo tools and click history as given (the demo seed), past the
 * recorder and its checks. Runs in the caller's transaction.
 */
public interface TrackingImport {

	/** A tracked link of the program; answers its id. */
	long importLink(long programId, String name, String landingUrl);

	/** A PNG banner with its image; answers its id. */
	long importBanner(long programId, String name, String landingUrl, String altText, int width, int height,
			byte[] png);

	/** A click of the past; {@code promoToolId} and {@code subId} may be null. */
	record PastClick(String token, long partnerId, long programId, @Nullable Long promoToolId, @Nullable String subId,
			Instant clickedAt, boolean duplicate, boolean bot, String landingUrl) {
	}

	/** Inserts the clicks in one batch, in the given order. */
	void importClicks(List<PastClick> clicks);

}
