package dev.partnerhub.support;

/**
 * The text of a {@code jsonb} column in a Spring Data JDBC aggregate (a rule's condition,
 * a block's configuration). The converters in {@link JdbcConversions} write it as a
 * {@code jsonb} parameter, which a plain string is not: PostgreSQL refuses a
 * {@code varchar} for a {@code jsonb} column.
 */
public record Jsonb(String json) {

	public static Jsonb of(String json) {
		return json == null ? null : new Jsonb(json);
	}

	public static String text(Jsonb value) {
		return value == null ? null : value.json();
	}

}
