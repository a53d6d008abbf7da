package dev.partnerhub.partners.domain;

import dev.partnerhub.partners.PartnerStatus;

/**
 * Which partners a list shows; every part is optional. {@code search} matches name, e-mail or code (substring,
 * case-insensitive); {@code parentId} lists a partner's tier-2 partners.
 */
public record PartnerFilter(Long programId, PartnerStatus status, String search, Long parentId) {

	public static PartnerFilter all() {
		return new PartnerFilter(null, null, null, null);
	}

	public static PartnerFilter childrenOf(long parentId) {
		return new PartnerFilter(null, null, null, parentId);
	}

}
