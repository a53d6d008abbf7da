package dev.partnerhub.tracking;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What other modules may ask of tracking: the click behind a token, and a partner's
 * tracked link.
 */
public interface TrackingApi {

	/**
	 * The click a token names when its signature is genuine, even before the click row is
	 * flushed (sub id and the duplicate flag are then unknown). Expiry is not checked
	 * here: attribution goes through the ReferralResolver.
	 */
	Optional<ClickInfo> findClick(String token);

	/** The public {@code /r/{code}} link of a partner, optionally for one promo tool. */
	String trackedLink(String partnerCode, @Nullable Long promoToolId);

	/**
	 * The program's promo tools with this partner's tracked link for each, in the order
	 * the console lists them.
	 */
	java.util.List<PromoToolLink> promoToolLinks(long programId, String partnerCode);

	record PromoToolLink(long id, String kind, String name, String link) {
	}

}
