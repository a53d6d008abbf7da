package dev.partnerhub.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merge fields of promo tools' e-mail swipes and lightboxes, in the one merge syntax
 * ({@code {{referralLink}}}, see {@code support.merge.MergeText}): filled in for each
 * partner on his promo tools page.
 */
public final class PromoToolFields {

	/**
	 * Field name → a one-line description, for the editor's list and the check on save.
	 */
	public static final Map<String, String> FIELDS;

	static {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("referralLink", "The partner's tracked link for this promo tool");
		fields.put("code", "The partner's referral code");
		fields.put("firstName", "The partner's first name");
		fields.put("lastName", "The partner's last name");
		fields.put("programName", "The program's name");
		FIELDS = java.util.Collections.unmodifiableMap(fields);
	}

	private PromoToolFields() {
	}

}
