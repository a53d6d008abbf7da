package dev.partnerhub.filters;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The fields a filter may name, each with the SQL it compiles to. Field names are looked
 * up here, never put into SQL; values become bind parameters. Catalogs are built by code
 * (the SQL is trusted), e.g. the rollup relationships' catalogs, or a groups catalog with
 * contact fields and {@code rollup:<name>} fields.
 */
public final class FieldCatalog {

	/**
	 * A filterable field. {@code sql} is an expression over the query's aliases (e.g.
	 * {@code t.status}). {@code existsTemplate}, when set, is a predicate with one
	 * {@code %s} where the comparison on {@code sql} goes, e.g.
	 * {@code exists (select 1 from order_lines oi where oi.order_id = t.id and %s)} for
	 * "any item has ..."; {@code ne} is then "no item has ...". {@code values} lists the
	 * allowed words of a STATUS field.
	 */
	public record Field(String name, FieldType type, String sql, @Nullable String existsTemplate, List<String> values) {

		public Field {
			values = values == null ? List.of() : List.copyOf(values);
		}

		public static Field of(String name, FieldType type, String sql) {
			return new Field(name, type, sql, null, List.of());
		}

		public static Field status(String name, String sql, List<String> values) {
			return new Field(name, FieldType.STATUS, sql, null, values);
		}

		public static Field exists(String name, FieldType type, String template, String sql) {
			return new Field(name, type, sql, template, List.of());
		}

	}

	private final Map<String, Field> fields = new LinkedHashMap<>();

	private FieldCatalog(Collection<Field> fields) {
		fields.forEach(field -> this.fields.put(field.name(), field));
	}

	public static FieldCatalog of(Field... fields) {
		return new FieldCatalog(List.of(fields));
	}

	public static FieldCatalog of(Collection<Field> fields) {
		return new FieldCatalog(fields);
	}

	/**
	 * Exact name (field names are case-sensitive identifiers like {@code dateProcessed}).
	 */
	public Optional<Field> find(String name) {
		return Optional.ofNullable(name == null ? null : this.fields.get(name));
	}

	public List<Field> fields() {
		return List.copyOf(this.fields.values());
	}

	public List<String> names() {
		return List.copyOf(this.fields.keySet());
	}

}
