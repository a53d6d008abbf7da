package dev.partnerhub.programs.domain;

import java.util.List;

import dev.partnerhub.programs.ProgramImport;
import dev.partnerhub.programs.Rate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link ProgramImport}: plain inserts, one statement per call. */
@Service
class ProgramImporter implements ProgramImport {

	private final JdbcClient jdbc;

	ProgramImporter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Long> importProducts(List<NewProduct> products) {
		return products.stream()
			.map(product -> this.jdbc.sql(
					"insert into product (sku, name, price, currency) values (:sku, :name, :price, :currency) returning id")
				.param("sku", product.sku())
				.param("name", product.name())
				.param("price", product.price())
				.param("currency", product.currency())
				.query(Long.class)
				.single())
			.toList();
	}

	@Override
	public long importProgram(NewProgram program) {
		return this.jdbc.sql("""
				insert into program (name, landing_url, tiers, currency, first_tier_rate_type, first_tier_rate_value,
				                     second_tier_rate_type, second_tier_rate_value, cookie_days, approval_delay_days,
				                     minimum_payout, next_level_program_id)
				values (:name, :landing, :tiers, :currency, :firstType, :firstValue, :secondType, :secondValue,
				        :cookie, :delay, :minimum, :next)
				returning id
				""")
			.param("name", program.name())
			.param("landing", program.landingUrl())
			.param("tiers", program.tiers())
			.param("currency", program.currency())
			.param("firstType", program.firstTierRate().type().value())
			.param("firstValue", program.firstTierRate().value())
			.param("secondType", program.secondTierRate().type().value())
			.param("secondValue", program.secondTierRate().value())
			.param("cookie", program.cookieDays())
			.param("delay", program.approvalDelayDays())
			.param("minimum", program.minimumPayout())
			.param("next", program.nextLevelProgramId())
			.query(Long.class)
			.single();
	}

	@Override
	public void importProductRate(long programId, String sku, Rate firstTierRate) {
		this.jdbc.sql("""
				insert into program_product_rate (program_id, product_id, first_tier_rate_type, first_tier_rate_value)
				select :program, id, :type, :value from product where sku = :sku
				""")
			.param("program", programId)
			.param("type", firstTierRate.type().value())
			.param("value", firstTierRate.value())
			.param("sku", sku)
			.update();
	}

}
