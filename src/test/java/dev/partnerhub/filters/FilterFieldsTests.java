package dev.partnerhub.filters;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.support.InvalidInputException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The providers of the running application: contacts and partners offer their fields,
 * rollups a {@code rollup:<name>} per rollup, each compiled over the caller's binding and
 * run on PostgreSQL.
 */
@IntegrationTest
class FilterFieldsTests {

	private static final FilterTarget GROUP = FilterTarget.contacts("gc", "gp", "gg");

	private static final FilterTarget RULE = FilterTarget.partners("rp", "rc", "rg");

	@Autowired
	FilterFields fields;

	@Autowired
	RollupApi rollups;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOwnersFieldsComeInTheTargetsOrderAndEveryRollupLast() {
		String name = "Filter fields" + unique(" ");
		this.rollups.create(name, RollupFunction.COUNT, Relationship.COMMISSIONS_EARNED, null, null);
		List<String> group = this.fields.fieldNames(GROUP);
		assertThat(group.subList(0, 6)).containsExactly("email", "firstName", "lastName", "dateAdded", "program",
				"partnerStatus");
		assertThat(group.subList(6, group.size())).allMatch(field -> field.startsWith("rollup:"))
			.contains("rollup:" + name);
		assertThat(this.fields.fieldNames(RULE).subList(0, 6)).containsExactly("program", "partnerStatus", "email",
				"firstName", "lastName", "dateAdded");
	}

	@Test
	void aRollupFieldFromItsProviderCompilesOverTheBindingAndRuns() {
		String name = "Filter count" + unique(" ");
		this.rollups.create(name, RollupFunction.COUNT, Relationship.COMMISSIONS_EARNED, null, null);
		Filter filter = Filter.all(new Condition("rollup:" + name.toUpperCase(), Op.GTE, "0"),
				new Condition("partnerStatus", Op.EQ, "none"));
		SqlFragment where = FilterCompiler.compile(filter, this.fields.catalogFor(filter, GROUP),
				LocalDate.now(ZoneOffset.UTC), "ff", "filter");
		assertThat(where.sql()).contains("rv.contact_id = gc.id").contains("coalesce(gp.status, 'none') = :ff_2");
		long nonPartners = this.jdbc.sql("""
				select count(*) from contact gc
				left join partner gp on gp.contact_id = gc.id
				left join program gg on gg.id = gp.program_id
				where """ + " " + where.sql()).params(where.params()).query(Long.class).single();
		assertThat(nonPartners).isEqualTo(this.jdbc
			.sql("select count(*) from contact c where not exists (select 1 from partner p where p.contact_id = c.id)")
			.query(Long.class)
			.single());
	}

	@Test
	void aRuleTargetKnowsNoNonePartnerStatusAndAnUnknownRollupIsNamed() {
		Filter none = Filter.all(new Condition("partnerStatus", Op.EQ, "none"));
		assertThatThrownBy(() -> FilterCompiler.validate(none, this.fields.catalogFor(none, RULE), "filter"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("'none' is not a partnerStatus (known: pending, approved, suspended)");
		Filter unknown = Filter.all(new Condition("rollup:No such rollup", Op.GT, "1"));
		assertThatThrownBy(() -> this.fields.catalogFor(unknown, RULE)).isInstanceOf(InvalidInputException.class)
			.hasMessage("Condition 1: unknown rollup field 'No such rollup'");
	}

}
