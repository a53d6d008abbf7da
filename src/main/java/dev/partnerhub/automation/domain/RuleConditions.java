package dev.partnerhub.automation.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.FilterFields;
import dev.partnerhub.filters.FilterTarget;
import dev.partnerhub.filters.SqlFragment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A rule's condition: the partners it ranges over ({@link #FROM}), the fields it may name
 * (partner, contact and program fields and {@code rollup:<name>}, from the filters
 * module's providers) and whether one partner matches.
 */
@Component
class RuleConditions {

	/**
	 * The rows of {@link #FROM} that condition fields read: partners, their contact and
	 * program.
	 */
	static final FilterTarget TARGET = FilterTarget.partners("rp", "rc", "rg");

	static final String FROM = """
			from partner_directory rp
			join contact_directory rc on rc.id = rp.contact_id
			left join program_catalog rg on rg.id = rp.program_id
			""";

	private final JdbcClient jdbc;

	private final FilterFields filterFields;

	RuleConditions(JdbcClient jdbc, FilterFields filterFields) {
		this.jdbc = jdbc;
		this.filterFields = filterFields;
	}

	/**
	 * The catalog for one filter: the partner fields plus each {@code rollup:<name>} the
	 * filter names.
	 */
	FieldCatalog catalog(Filter filter) {
		return this.filterFields.catalogFor(filter, TARGET);
	}

	/** Field names for the condition builder. */
	public List<String> fieldNames() {
		return this.filterFields.fieldNames(TARGET);
	}

	/**
	 * Whether the partner matches the filter now (materialised rollups: the caller drains
	 * pending changes first).
	 */
	boolean matches(Filter filter, long partnerId, LocalDate today) {
		SqlFragment where = filter == null ? new SqlFragment("true", Map.of())
				: FilterCompiler.compile(filter, catalog(filter), today, "rule", "filter");
		Map<String, Object> params = new HashMap<>(where.params());
		params.put("partner", partnerId);
		return this.jdbc.sql("select exists (select 1 " + FROM + "where rp.id = :partner and " + where.sql() + ")")
			.params(params)
			.query(Boolean.class)
			.single();
	}

}
