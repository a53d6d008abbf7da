package dev.partnerhub.rollups.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.contacts.ContactListColumns;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;

import org.springframework.stereotype.Component;

/**
 * Rollup fields as columns of the contact and partner lists ({@link ContactListColumns},
 * key {@code rollup:<id>}). The value is the stored one, joined on rollup_value's primary
 * key: sums and counts of contacts without a row (non-partners) are 0, other functions
 * null — as {@code RollupApi.asFilterField}. No drain before reading: a list may be up to
 * about a second behind the latest change (the background refresher's period).
 */
@Component
class RollupListColumns implements ContactListColumns {

	static final String PREFIX = "rollup:";

	private final RollupDefinitions definitions;

	RollupListColumns(RollupDefinitions definitions) {
		this.definitions = definitions;
	}

	@Override
	public List<Column> columns() {
		return this.definitions.all().stream().map(RollupListColumns::column).toList();
	}

	@Override
	public Optional<Value> value(String key, String contactIdSql, String alias) {
		if (!alias.matches("[A-Za-z_][A-Za-z0-9_]{0,40}")) {
			throw new IllegalArgumentException("alias must be a plain SQL identifier: " + alias);
		}
		if (key == null || !key.startsWith(PREFIX) || !key.substring(PREFIX.length()).matches("\\d{1,18}")) {
			return Optional.empty();
		}
		return this.definitions.find(Long.parseLong(key.substring(PREFIX.length()))).map(field -> {
			String join = "left join rollup_value " + alias + " on " + alias + ".rollup_field_id = :" + alias
					+ "_field and " + alias + ".contact_id = " + contactIdSql;
			String sql = zeroWhenEmpty(field) ? "coalesce(" + alias + ".value, 0)" : alias + ".value";
			return new Value(join, sql, Map.of(alias + "_field", field.id()));
		});
	}

	private static Column column(RollupField field) {
		return new Column(PREFIX + field.id(), field.name(),
				field.function() == RollupFunction.COUNT ? Kind.COUNT : Kind.MONEY);
	}

	private static boolean zeroWhenEmpty(RollupField field) {
		return field.function() == RollupFunction.SUM || field.function() == RollupFunction.COUNT;
	}

}
