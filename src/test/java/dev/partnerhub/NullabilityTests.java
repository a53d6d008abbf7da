package dev.partnerhub;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property of a Spring Data JDBC aggregate (and of its {@code @MappedCollection}
 * children) that maps a nullable column says so: it is {@code @Nullable} (JSpecify, a
 * type-use annotation: on the field's or record component's type, or the getter's return
 * type) and not a primitive, which would turn a database {@code NULL} into a failed read
 * (docs/architecture.md, "Conventions: Nulls"). Read against the real schema after
 * Flyway, so a migration that makes a column nullable needs the marker in the same
 * change.
 */
@IntegrationTest
class NullabilityTests {

	@Autowired
	RelationalMappingContext mapping;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyPropertyOfANullableColumnIsNullableAndNoPrimitive() {
		Map<String, Set<String>> columns = new HashMap<>();
		Set<String> nullable = new HashSet<>();
		this.jdbc.sql("""
				select table_name, column_name, is_nullable from information_schema.columns
				where table_schema = current_schema()""").query((rs, n) -> {
			String table = rs.getString(1);
			String column = rs.getString(2);
			columns.computeIfAbsent(table, t -> new HashSet<>()).add(column);
			if ("YES".equals(rs.getString(3))) {
				nullable.add(table + "." + column);
			}
			return column;
		}).list();

		Set<String> checked = new TreeSet<>();
		Set<String> offenders = new TreeSet<>();
		Set<String> unknown = new TreeSet<>();
		for (RelationalPersistentEntity<?> entity : entities()) {
			String table = entity.getTableName().getReference().toLowerCase();
			for (RelationalPersistentProperty property : entity) {
				if (property.isEntity()) {
					continue; // a @MappedCollection: its rows are checked as their own
								// entity
				}
				String column = property.getColumnName().getReference().toLowerCase();
				String name = entity.getType().getSimpleName() + "." + property.getName() + " (" + table + "." + column
						+ ")";
				if (!columns.getOrDefault(table, Set.of()).contains(column)) {
					unknown.add(name);
					continue;
				}
				checked.add(name);
				if (!nullable.contains(table + "." + column)) {
					continue;
				}
				if (property.getType().isPrimitive()) {
					offenders.add(name + ": a primitive " + property.getType() + " maps a nullable column");
				}
				else if (!markedNullable(property)) {
					offenders.add(name + ": the column is nullable, the property is not @Nullable");
				}
			}
		}
		// the scan found the aggregates, and their columns exist (a wrong name would pass
		// unseen)
		assertThat(checked).as("mapped columns checked").hasSizeGreaterThan(100);
		assertThat(unknown).as("mapped columns that the schema does not have").isEmpty();
		assertThat(offenders).as("aggregate properties of nullable columns without @Nullable, or primitives").isEmpty();
	}

	/** The aggregates Spring Boot scanned (@Table classes) and the entities they hold. */
	private List<RelationalPersistentEntity<?>> entities() {
		List<RelationalPersistentEntity<?>> entities = new ArrayList<>();
		for (RelationalPersistentEntity<?> entity : this.mapping.getPersistentEntities()) {
			if (entity.getType().getPackageName().startsWith("dev.partnerhub")) {
				entities.add(entity);
			}
		}
		assertThat(entities).extracting(e -> e.getType().getSimpleName())
			.as("aggregates and children found by the mapping context")
			.contains("Contact", "Partner", "PromoTool", "ContactGroup", "ContestDefinition", "CenterPage", "Block",
					"AutomationRule", "Action", "Program", "ProductRateOverride", "UserAccount", "ApiKey");
		return entities;
	}

	private static boolean markedNullable(RelationalPersistentProperty property) {
		Field field = property.getField();
		if (field != null && nullable(field.getAnnotatedType())) {
			return true;
		}
		Class<?> owner = property.getOwner().getType();
		if (owner.isRecord()) {
			for (RecordComponent component : owner.getRecordComponents()) {
				if (component.getName().equals(property.getName()) && nullable(component.getAnnotatedType())) {
					return true;
				}
			}
		}
		Method getter = property.getGetter();
		return getter != null && nullable(getter.getAnnotatedReturnType());
	}

	private static boolean nullable(@Nullable AnnotatedType type) {
		return type != null && type.isAnnotationPresent(Nullable.class);
	}

}
