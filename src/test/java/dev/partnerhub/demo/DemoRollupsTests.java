package dev.partnerhub.demo;

import java.time.Duration;
import java.time.Instant;

import dev.partnerhub.TestDatabaseConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo has the seed's rollup fields, and their values equal fresh aggregates (same
 * context as DemoDataTests).
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
@TestPropertySource(properties = { "partnerhub.database.embedded.data-dir=", "partnerhub.demo.enabled=true" })
class DemoRollupsTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void seedsTheFourRollupFieldsWithExactValues() throws Exception {
		assertThat(this.jdbc.sql("select name from rollup_field order by name").query(String.class).list())
			.containsExactlyInAnyOrder("Approved and paid commissions", "Approved commissions", "ebook Number of Sales",
					"Total pending commissions", "Number of sales"); // the last one from
																		// DemoRules
																		// (milestone
																		// "first sale")
		Awaitility.await("recomputes done").atMost(Duration.ofSeconds(60)).until(() -> this.jdbc.sql("""
				select count(*) from rollup_field f join job j on j.id = f.recompute_job_id where j.status <> 'done'
				""").query(Long.class).single() == 0);
		long wrong = this.jdbc.sql("""
				select count(*) from partner p
				join rollup_field f on f.name = 'Total pending commissions'
				left join rollup_value v on v.rollup_field_id = f.id and v.contact_id = p.contact_id
				where v.value is distinct from (select coalesce(sum(amount), 0) from commission c
				                                where c.partner_id = p.id and c.status = 'pending')
				""").query(Long.class).single();
		assertThat(wrong).isZero();
		assertThat(this.jdbc.sql("""
				select count(*) from rollup_value v join rollup_field f on f.id = v.rollup_field_id
				where f.name = 'ebook Number of Sales' and v.value > 0""").query(Long.class).single()).isPositive();
	}

}
