package dev.partnerhub.filters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.support.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The filter model and compiler without a database: SQL shape, parameters, relative
 * dates, messages.
 */
class FilterCompilerTests {

	private static final FieldCatalog COMMISSIONS = Relationship.COMMISSIONS_EARNED.catalog();

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

	@Test
	void nestedGroupsCompileToParenthesisedSqlWithBindParameters() {
		Filter filter = Filter.all(new Condition("status", Op.EQ, "Pending"),
				Filter.any(new Condition("product", Op.EQ, "ebook"), new Condition("amount", Op.GTE, "10.5")));
		SqlFragment sql = FilterCompiler.compile(filter, COMMISSIONS, TODAY, "f", "filter");
		assertThat(sql.sql()).isEqualTo("(t.status = :f_1 and (lower(t.sku) = lower(:f_2) or t.amount >= :f_3))");
		assertThat(sql.params()).containsEntry("f_1", "pending")
			.containsEntry("f_2", "ebook")
			.containsEntry("f_3", new BigDecimal("10.5"));
		assertThat(filter.summary())
			.isEqualTo("Status equal to Pending AND (Product equal to ebook OR Amount greater than or equal to 10.5)");
	}

	@Test
	void datesCompareByUtcDayAndRelativeDatesFollowToday() {
		SqlFragment after = FilterCompiler.compile(
				Filter.all(new Condition("dateProcessed", Op.ON_OR_AFTER, "30 days ago")), COMMISSIONS, TODAY, "f",
				"filter");
		assertThat(after.sql()).isEqualTo("t.transaction_date >= :f_1");
		assertThat(after.params().get("f_1")).isEqualTo(OffsetDateTime.of(2026, 2, 13, 0, 0, 0, 0, ZoneOffset.UTC));
		SqlFragment before = FilterCompiler.compile(
				Filter.all(new Condition("datePaid", Op.ON_OR_BEFORE, "2026-01-31")), COMMISSIONS, TODAY, "f",
				"filter");
		assertThat(before.sql()).isEqualTo("t.paid_at < :f_1");
		assertThat(before.params().get("f_1")).isEqualTo(OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
		SqlFragment within = FilterCompiler.compile(
				Filter.all(new Condition("dateProcessed", Op.WITHIN_LAST_DAYS, "7")), COMMISSIONS, TODAY, "f",
				"filter");
		assertThat(within.params().get("f_1")).isEqualTo(OffsetDateTime.of(2026, 3, 9, 0, 0, 0, 0, ZoneOffset.UTC));
		assertThat(within.params().get("f_2")).isEqualTo(OffsetDateTime.of(2026, 3, 16, 0, 0, 0, 0, ZoneOffset.UTC));
		assertThat(FilterCompiler.relativeDays("-30d")).isEqualTo(30);
		assertThat(FilterCompiler.relativeDays("today")).isZero();
		assertThat(FilterCompiler
			.isRelative(Filter.all(Filter.any(new Condition("dateProcessed", Op.ON_OR_AFTER, "-3d"))))).isTrue();
		assertThat(FilterCompiler.isRelative(Filter.all(new Condition("dateProcessed", Op.ON_OR_AFTER, "2026-01-01"))))
			.isFalse();
	}

	@Test
	void anyItemFieldsBecomeExistsAndNotExists() {
		FieldCatalog orders = Relationship.ACTIVE_REFERRED_OPEN_ORDERS.catalog();
		assertThat(
				FilterCompiler.compile(Filter.all(new Condition("product", Op.NE, "x")), orders, TODAY, "f", "filter")
					.sql())
			.isEqualTo(
					"not exists (select 1 from order_lines oi where oi.order_id = t.id and lower(oi.sku) = lower(:f_1))");
	}

	@Test
	void inputNeverReachesTheSqlText() {
		assertThatThrownBy(
				() -> FilterCompiler.compile(Filter.all(new Condition("status; drop table commission", Op.EQ, "x")),
						COMMISSIONS, TODAY, "f", "filter"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("Condition 1: unknown field 'status; drop table commission'");
		SqlFragment sql = FilterCompiler.compile(Filter.all(new Condition("product", Op.EQ, "'); drop table x; --")),
				COMMISSIONS, TODAY, "f", "filter");
		assertThat(sql.sql()).doesNotContain("drop");
	}

	@Test
	void badFiltersNameTheirPath() {
		assertThatThrownBy(
				() -> FilterCompiler.validate(Filter.all(new Condition("tier", Op.EQ, "1.5")), COMMISSIONS, "filter"))
			.hasMessage("Condition 1, value: tier takes a whole number, not '1.5'");
		assertThatThrownBy(() -> FilterCompiler.validate(Filter.all(new Condition("amount", Op.GT, "lots")),
				COMMISSIONS, "filter"))
			.hasMessage("Condition 1, value: 'lots' is not a number");
		assertThatThrownBy(() -> FilterCompiler.validate(Filter.all(new Condition("amount", Op.WITHIN_LAST_DAYS, "3")),
				COMMISSIONS, "filter"))
			.hasMessageContaining("'within_last_days' does not apply to amount");
		assertThatThrownBy(
				() -> FilterCompiler.validate(Filter.all(new Condition("status", Op.EQ, null)), COMMISSIONS, "filter"))
			.hasMessage("Condition 1: a value is required");
		assertThatThrownBy(() -> FilterCompiler.validate(new Filter(Match.ALL, List.of()), COMMISSIONS, "filter"))
			.hasMessageStartingWith("Filter: the group is empty");
		Condition c = new Condition("status", Op.EQ, "paid");
		FilterNode[] many = new FilterNode[51];
		java.util.Arrays.fill(many, c);
		assertThatThrownBy(() -> FilterCompiler.validate(Filter.all(many), COMMISSIONS, "filter"))
			.hasMessageContaining("too many conditions");
	}

	@Test
	void jsonRoundTripsAndRefusesUnknownKeys() {
		Filter filter = FilterJson.parse("""
				{"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "paid"},
				  {"match": "any", "conditions": [{"field": "amount", "op": "gt", "value": 100}]}]}""", "filter");
		assertThat(filter).isEqualTo(
				Filter.all(new Condition("status", Op.EQ, "paid"), Filter.any(new Condition("amount", Op.GT, "100"))));
		assertThat(FilterJson.parse(FilterJson.toJson(filter), "filter")).isEqualTo(filter);
		assertThatThrownBy(() -> FilterJson.parse("{\"match\": \"all\", \"conditions\": [], \"colour\": 1}", "filter"))
			.hasMessageStartingWith("filter: unknown key 'colour'");
		assertThatThrownBy(() -> FilterJson.parse("{\"match\": \"either\", \"conditions\": []}", "filter"))
			.hasMessageStartingWith("Filter: match must be 'all' or 'any'");
		assertThatThrownBy(
				() -> FilterJson.parse("{\"field\": \"status\", \"op\": \"eq\", \"value\": \"x\"}", "filter"))
			.hasMessageContaining("not a single condition");
		// Through Jackson (as other modules' request records would read it).
		tools.jackson.databind.ObjectMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
		assertThat(mapper.readValue("{\"match\": \"any\", \"conditions\": [{\"field\": \"status\", \"op\": \"eq\", "
				+ "\"value\": \"paid\"}]}", Filter.class))
			.isEqualTo(Filter.any(new Condition("status", Op.EQ, "paid")));
		assertThat(mapper.readValue("{\"field\": \"status\", \"op\": \"ne\", \"value\": \"paid\"}", FilterNode.class))
			.isEqualTo(new Condition("status", Op.NE, "paid"));
		assertThatThrownBy(() -> mapper.readValue("{\"match\": \"any\", \"x\": 1}", Filter.class))
			.hasMessageContaining("unknown key 'x'");
	}

}
