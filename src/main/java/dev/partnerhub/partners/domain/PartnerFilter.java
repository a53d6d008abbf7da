package dev.partnerhub.partners.domain;

import java.time.LocalDate;

import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.contacts.ListColumnSelection;
import dev.partnerhub.partners.PartnerAccess;
import dev.partnerhub.partners.PartnerStatus;
import org.jspecify.annotations.Nullable;

/**
 * Which partners a list shows; every part is optional. {@code search} matches name,
 * e-mail or code (substring, case-insensitive); {@code parentId} lists a partner's tier-2
 * partners; {@code group} keeps a saved group's members; {@code columns} adds value
 * columns (over {@code p.contact_id}) and their "at least / at most" filter;
 * {@code access} keeps partners in one access state (invited, active, ...);
 * {@code joinedFrom}/{@code joinedTo} are UTC days of the partner's creation, both
 * inclusive (the dashboard's "new partners").
 */
public record PartnerFilter(@Nullable Long programId, @Nullable PartnerStatus status, @Nullable String search,
		@Nullable Long parentId, ContactGroupFilter.@Nullable Predicate group, ListColumnSelection columns,
		@Nullable PartnerAccess access, @Nullable LocalDate joinedFrom, @Nullable LocalDate joinedTo) {

	public PartnerFilter {
		columns = columns == null ? ListColumnSelection.none() : columns;
	}

	public PartnerFilter(@Nullable Long programId, @Nullable PartnerStatus status, @Nullable String search,
			@Nullable Long parentId) {
		this(programId, status, search, parentId, null, null, null, null, null);
	}

	/**
	 * Only members of a group ({@code group} is a predicate over {@code p.contact_id}).
	 */
	public PartnerFilter inGroup(ContactGroupFilter.Predicate group) {
		return new PartnerFilter(this.programId, this.status, this.search, this.parentId, group, this.columns,
				this.access, this.joinedFrom, this.joinedTo);
	}

	/** With extra value columns built over {@code p.contact_id}. */
	public PartnerFilter withColumns(ListColumnSelection columns) {
		return new PartnerFilter(this.programId, this.status, this.search, this.parentId, this.group, columns,
				this.access, this.joinedFrom, this.joinedTo);
	}

	/** Only partners in this access state (null = any). */
	public PartnerFilter withAccess(PartnerAccess access) {
		return new PartnerFilter(this.programId, this.status, this.search, this.parentId, this.group, this.columns,
				access, this.joinedFrom, this.joinedTo);
	}

	/** Only partners created on these UTC days (either end may be open). */
	public PartnerFilter joined(@Nullable LocalDate from, @Nullable LocalDate to) {
		return new PartnerFilter(this.programId, this.status, this.search, this.parentId, this.group, this.columns,
				this.access, from, to);
	}

	public static PartnerFilter all() {
		return new PartnerFilter(null, null, null, null);
	}

	public static PartnerFilter childrenOf(long parentId) {
		return new PartnerFilter(null, null, null, parentId);
	}

}
