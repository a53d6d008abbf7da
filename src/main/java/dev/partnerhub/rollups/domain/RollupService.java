package dev.partnerhub.rollups.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.rollups.RollupValue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;

/**
 * {@link RollupApi}: one contact's values are computed on read from the raw rows (an
 * indexed aggregate per definition over one partner's rows, well under a millisecond
 * each), so the contact page, the partner center and {@code GET
 * /api/v1/partners/{code}/rollups} are exact even in the second before the refresher
 * catches up.
 */
@Service
class RollupService implements RollupApi {

	private final JdbcClient jdbc;

	private final RollupDefinitions definitions;

	private final RollupEngine engine;

	RollupService(JdbcClient jdbc, RollupDefinitions definitions, RollupEngine engine) {
		this.jdbc = jdbc;
		this.definitions = definitions;
		this.engine = engine;
	}

	@Override
	public List<RollupField> fields() {
		return this.definitions.all();
	}

	@Override
	public Optional<RollupField> findById(long id) {
		return this.definitions.find(id);
	}

	@Override
	public Optional<RollupField> findByName(String name) {
		return this.definitions.findByName(name);
	}

	@Override
	public Map<String, RollupValue> valuesOf(long contactId) {
		return valuesOf(contactId, this.engine.today());
	}

	/** As {@link #valuesOf(long)} with relative dates as of {@code today}. */
	Map<String, RollupValue> valuesOf(long contactId, LocalDate today) {
		Long partnerId = this.jdbc.sql("select id from partner_directory where contact_id = :c")
			.param("c", contactId)
			.query(Long.class)
			.optional()
			.orElse(null);
		Map<String, RollupValue> values = new LinkedHashMap<>();
		for (RollupField field : this.definitions.all()) {
			values.put(field.name(), new RollupValue(field.id(), field.name(), field.function(),
					partnerId == null ? empty(field) : compute(field, partnerId, today)));
		}
		return values;
	}

	@Override
	public Optional<BigDecimal> value(String rollupName, long contactId) {
		return this.definitions.findByName(rollupName).flatMap(field -> {
			Long partnerId = this.jdbc.sql("select id from partner_directory where contact_id = :c")
				.param("c", contactId)
				.query(Long.class)
				.optional()
				.orElse(null);
			return Optional
				.ofNullable(partnerId == null ? empty(field) : compute(field, partnerId, this.engine.today()));
		});
	}

	@Override
	public RollupField create(String name, RollupFunction function, dev.partnerhub.rollups.Relationship relationship,
			String field, dev.partnerhub.filters.Filter filter) {
		return this.definitions.create(new RollupDraft(name, function, relationship, field, filter));
	}

	@Override
	public void refreshPending() {
		// A cheap read first: the drain takes the writers' lock even when there is
		// nothing to do.
		if (this.engine.pending()) {
			this.engine.drain();
		}
	}

	BigDecimal compute(RollupField field, long partnerId, LocalDate today) {
		RollupSql.Statement statement = RollupSql.onRead(field, today);
		Map<String, Object> params = new LinkedHashMap<>(statement.params());
		params.put("ids", new SqlArrayValue("bigint", new Object[] { partnerId }));
		List<BigDecimal> rows = this.jdbc.sql(statement.sql())
			.params(params)
			.query((rs, n) -> rs.getBigDecimal(1))
			.list();
		return rows.isEmpty() ? null : rows.get(0);
	}

	private static BigDecimal empty(RollupField field) {
		return field.function() == RollupFunction.SUM || field.function() == RollupFunction.COUNT ? BigDecimal.ZERO
				: null;
	}

}
