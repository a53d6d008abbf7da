package dev.partnerhub.partners.domain;

import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.partners.PartnerStatus;

/**
 * Which partners a list shows; every part is optional. {@code search} matches name, e-mail or code (substring,
 * case-insensitive); {@code parentId} lists a partner's tier-2 partners;
 * {@code group} keeps a saved group's members.
 */
public record PartnerFilter(Long programId, PartnerStatus status, String search, Long parentId,
		ContactGroupFilter.Predicate group) {

	public PartnerFilter(Long programId, PartnerStatus status, String search, Long parentId) {
		this(programId, status, search, parentId, null);
	}

	/** Only members of a group ({@code group} is a predicate over {@code p.contact_id}). */
	public PartnerFilter inGroup(ContactGroupFilter.Predicate group) {
		return new PartnerFilter(this.programId, this.status, this.search, this.parentId, group);
	}

	public static PartnerFilter all() {
		return new PartnerFilter(null, null, null, null);
	}

	public static PartnerFilter childrenOf(long parentId) {
		return new PartnerFilter(null, null, null, parentId);
	}

}
