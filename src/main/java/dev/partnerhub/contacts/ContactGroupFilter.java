package dev.partnerhub.contacts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Optional extension point: saved groups of contacts that the contact and partner lists
 * can filter by. Implemented by the groups module (which depends on contacts, partners
 * and rollups — so contacts and partners cannot call it directly); lists look it up with
 * an {@code ObjectProvider} and work without it.
 */
public interface ContactGroupFilter {

	/** A group to offer in a list's filter select. */
	record Option(long id, String name) {
	}

	/**
	 * A boolean SQL expression with named bind parameters (prefixed {@code grp_}), to AND
	 * into a list's WHERE clause.
	 */
	record Predicate(String sql, Map<String, Object> params) {

		public Predicate {
			params = Map.copyOf(params);
		}

	}

	/** Every group, by name. */
	List<Option> groupOptions();

	/**
	 * "The contact is a member of the group now": {@code <contactIdSql> in (...)}.
	 * {@code contactIdSql} is the outer query's contact id expression (code, e.g.
	 * {@code c.id}). Empty for an unknown group.
	 */
	Optional<Predicate> membersOf(long groupId, String contactIdSql);

}
