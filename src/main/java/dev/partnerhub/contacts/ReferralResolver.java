package dev.partnerhub.contacts;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns a referral that arrives with a contact (a partner code now; click tokens once
 * tracking exists) into the partner who gets the credit. Implemented by the partners
 * module, so contacts need not know partners.
 */
public interface ReferralResolver {

	/** The approved partner this referral names, if any. */
	Optional<Referrer> resolve(String referral);

	/** The code of a partner, for showing referrers (first/last) by code. */
	Optional<String> codeOf(long partnerId);

	/**
	 * The referral in words for the attribution trail (which click, tool and SubID, or
	 * which code), whether or not it would still credit anyone: describing is not
	 * crediting. Empty when this resolver does not know it.
	 */
	default Optional<String> describe(String referral) {
		return Optional.empty();
	}

	/**
	 * The referral as a public (unauthenticated) form may use it: only a genuine click
	 * token that was valid at {@code at} (signed by us, inside its program's cookie
	 * window then, its partner approved now). A partner code is not a click: anybody can
	 * type one, so public forms never credit it. Empty when this resolver does not know
	 * click tokens.
	 */
	default Optional<Click> click(String referral, Instant at) {
		return Optional.empty();
	}

	/**
	 * @param contactId the partner's own contact, so nobody is credited for referring
	 * himself
	 */
	record Referrer(long partnerId, long contactId, String code) {
	}

	/**
	 * A genuine click token and what it proves.
	 *
	 * @param clickedAt when the click happened (signed into the token)
	 * @param token the token itself, kept as the referral's trail
	 */
	record Click(Referrer referrer, Instant clickedAt, String token) {
	}

}
