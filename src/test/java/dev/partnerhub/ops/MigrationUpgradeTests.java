package dev.partnerhub.ops;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations are forward-only (no undo scripts; docs/operations.md): an upgrade must work
 * from the last release's schema with data in it, not only from an empty database. V9 is
 * the last released schema (issue 4's payouts and audit). Runs Flyway itself on a
 * throw-away PostgreSQL, without the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationUpgradeTests {

	private static final String PREVIOUS_RELEASE = "9";

	private EmbeddedPostgres postgres;

	@BeforeAll
	void start() throws Exception {
		this.postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	void stop() throws Exception {
		this.postgres.close();
	}

	@Test
	void anEmptyDatabaseMigratesToTheLatestVersion() throws Exception {
		DataSource db = database("fresh");
		var result = flyway(db, null).migrate();
		assertThat(result.success).isTrue();
		MigrationVersion latest = flyway(db, null).info().current().getVersion();
		assertThat(latest.isAtLeast("14")).isTrue();
		assertThat(flyway(db, null).info().pending()).isEmpty();
		assertThat(query(db, "select count(*) from spring_session")).isZero();
	}

	@Test
	void thePreviousReleasesSchemaWithDataUpgradesAndKeepsItsData() throws Exception {
		DataSource db = database("upgrade");
		flyway(db, PREVIOUS_RELEASE).migrate();
		assertThat(flyway(db, PREVIOUS_RELEASE).info().current().getVersion().getVersion()).isEqualTo("9");
		execute(db, """
				insert into contact (email, first_name, last_name) values
				  ('pat@partners.example.com', 'Pat', 'Partner'), ('bo@buyers.example.com', 'Bo', 'Buyer');
				insert into product (sku, name, price, currency) values ('COURSE-1', 'Course', 49.00, 'USD');
				insert into program (name, landing_url, currency, first_tier_rate_type, first_tier_rate_value,
				                     approval_delay_days, minimum_payout)
				  values ('Affiliates', 'https://shop.example.com', 'USD', 'percent', 20, 30, 50);
				insert into partner (contact_id, program_id, code, status, payout_email)
				  select c.id, p.id, 'pat', 'approved', 'pat@paypal.example.com'
				  from contact c, program p where c.email = 'pat@partners.example.com';
				update contact set first_referrer_id = (select id from partner where code = 'pat'),
				  first_referred_at = now(), last_referrer_id = (select id from partner where code = 'pat'),
				  last_referred_at = now() where email = 'bo@buyers.example.com';
				insert into customer_order (order_id, contact_id, currency, status, occurred_at, total, request_hash,
				                            referrer_id, credit_rule)
				  select 'ORD-1001', c.id, 'USD', 'completed', now() - interval '40 days', 98.00, 'h',
				         (select id from partner where code = 'pat'), 'last'
				  from contact c where c.email = 'bo@buyers.example.com';
				insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
				  select o.id, 1, p.id, 'COURSE-1', 2, 49.00, 98.00 from customer_order o, product p
				  where o.order_id = 'ORD-1001';
				insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier,
				                        base_amount, original_amount, amount, currency, status, transaction_date,
				                        approved_at)
				  select pa.id, o.contact_id, o.id, i.id, i.product_id, i.sku, 1, 98.00, 19.60, 19.60, 'USD',
				         'approved', o.occurred_at, now()
				  from customer_order o join order_item i on i.order_id = o.id, partner pa
				  where o.order_id = 'ORD-1001' and pa.code = 'pat';
				insert into payout_batch (created_by) values ('admin@example.com');
				""");

		var result = flyway(db, null).migrate();

		assertThat(result.success).isTrue();
		assertThat(result.migrationsExecuted).isPositive();
		assertThat(flyway(db, null).info().pending()).isEmpty();
		assertThat(query(db, "select count(*) from partner where code = 'pat' and status = 'approved'")).isEqualTo(1);
		assertThat(query(db, """
				select count(*) from contact c join partner p on p.id = c.last_referrer_id
				where c.email = 'bo@buyers.example.com' and p.code = 'pat'""")).isEqualTo(1);
		assertThat(query(db, """
				select count(*) from commission c join customer_order o on o.id = c.order_id
				where o.order_id = 'ORD-1001' and c.amount = 19.60 and c.status = 'approved'""")).isEqualTo(1);
		assertThat(query(db, "select count(*) from payout_batch where status = 'created'")).isEqualTo(1);
		// Tables of later versions exist and the old rows fit their constraints.
		assertThat(query(db, "select count(*) from spring_session")).isZero();
	}

	private Flyway flyway(DataSource db, String target) {
		var config = Flyway.configure().dataSource(db).locations("classpath:db/migration");
		if (target != null) {
			config.target(target);
		}
		return config.load();
	}

	private DataSource database(String name) throws Exception {
		try (Connection c = this.postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("create database " + name);
		}
		return this.postgres.getDatabase("postgres", name);
	}

	private static long query(DataSource db, String sql) throws Exception {
		try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void execute(DataSource db, String sql) throws Exception {
		try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

}
