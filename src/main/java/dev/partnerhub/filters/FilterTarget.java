package dev.partnerhub.filters;

import java.util.regex.Pattern;

/**
 * How the caller's query exposes the rows a filter reads: the alias of its contact row,
 * of its partner row (and whether that row may be missing: a left join) and of the
 * partner's program row. The caller builds it next to its {@code from} clause;
 * {@link FilterFieldProvider}s build every field's SQL from these bindings, so no caller
 * hands around column strings such as {@code "rc.id"}.
 * <p>
 * {@code subject} is what one row of the query is (a contact of a group, a partner of a
 * rule): its fields come first in a condition builder.
 */
public record FilterTarget(Subject subject, Alias contact, Alias partner, Alias program, boolean partnerOptional) {

	/** What a row of the filtered query stands for. */
	public enum Subject {

		CONTACT, PARTNER

	}

	public FilterTarget {
		if (subject == null || contact == null) {
			throw new IllegalArgumentException("a filter target needs a subject and a contact row");
		}
		if (program != null && partner == null) {
			throw new IllegalArgumentException("a program row is reached through a partner row");
		}
	}

	/**
	 * Contacts, each with its partner row if it has one
	 * ({@code from contact c left join partner p ... left join
	 * program g ...}): {@code contacts("gc", "gp", "gg")}.
	 */
	public static FilterTarget contacts(String contact, String partner, String program) {
		return new FilterTarget(Subject.CONTACT, Alias.of(contact), Alias.of(partner), Alias.of(program), true);
	}

	/**
	 * Partners with their contact
	 * ({@code from partner p join contact c ... left join program g ...}).
	 */
	public static FilterTarget partners(String partner, String contact, String program) {
		return new FilterTarget(Subject.PARTNER, Alias.of(contact), Alias.of(partner), Alias.of(program), false);
	}

	/**
	 * The contact id expression (rollup values and other per-contact fields are keyed by
	 * it).
	 */
	public String contactId() {
		return this.contact.column("id");
	}

	/**
	 * A table alias of the caller's query, checked to be a plain identifier so a column
	 * expression built on it is always {@code alias.column}.
	 */
	public record Alias(String name) {

		private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,30}");

		public Alias {
			if (name == null || !IDENTIFIER.matcher(name).matches()) {
				throw new IllegalArgumentException("not a table alias: " + name);
			}
		}

		public static Alias of(String name) {
			return name == null ? null : new Alias(name);
		}

		/** {@code alias.column}; {@code column} is written by code. */
		public String column(String column) {
			if (!IDENTIFIER.matcher(column).matches()) {
				throw new IllegalArgumentException("not a column: " + column);
			}
			return this.name + "." + column;
		}

	}

}
