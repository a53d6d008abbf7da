package dev.partnerhub.groups;

import java.util.List;
import java.util.Optional;

/**
 * Groups for other modules (automation: "add to group", "if in group"). A group's filter
 * may name the contact fields {@code email}, {@code firstName}, {@code lastName},
 * {@code dateAdded}, the partner fields {@code program} (program name) and
 * {@code partnerStatus} ({@code pending}, {@code approved}, {@code suspended}, or
 * {@code none} for contacts who are not partners), and rollup fields as
 * {@code rollup:<field name>}. Every read first applies the rollup changes still pending,
 * so membership reflects the values of this moment.
 */
public interface GroupApi {

	List<GroupSummary> groups();

	Optional<GroupSummary> find(long groupId);

	/** False for an unknown group or contact. */
	boolean isMember(long groupId, long contactId);

	/** Members ordered by contact id; {@code size} 1..500. */
	MembersPage members(long groupId, int page, int size);

}
