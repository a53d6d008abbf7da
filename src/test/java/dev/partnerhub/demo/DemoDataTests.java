package dev.partnerhub.demo;

import dev.partnerhub.TestDatabaseConfiguration;
import dev.partnerhub.support.StartupBanner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default run on an empty embedded database: a believable demo and a printed partner
 * login.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
@TestPropertySource(properties = { "partnerhub.database.embedded.data-dir=", "partnerhub.demo.enabled=true" })
class DemoDataTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StartupBanner banner;

	@Test
	void seedsProgramsProductsPartnersAndContacts() {
		assertThat(count("select count(*) from program")).isEqualTo(2);
		assertThat(count("select count(*) from program where tiers = 2")).isEqualTo(1);
		// Tracked links work in the local demo: programs land on the app's own order
		// form.
		assertThat(count("select count(*) from program where landing_url like 'http://localhost:%/buy/course-basic'"))
			.isEqualTo(2);
		assertThat(count("select count(*) from product")).isEqualTo(5);
		assertThat(count("select count(*) from partner")).isEqualTo(DemoData.PARTNERS);
		assertThat(count("select count(*) from partner where parent_id is not null")).isGreaterThanOrEqualTo(15);
		assertThat(count("select count(*) from contact")).isEqualTo(DemoData.CONTACTS);
		assertThat(count("select count(*) from contact where first_referrer_id is not null")).isGreaterThan(250);
		assertThat(count("select count(*) from contact where first_referrer_id <> last_referrer_id")).isPositive();
	}

	@Test
	void seedsClicksWithPromoToolsSubIdsAndDuplicates() {
		assertThat(count("select count(*) from click")).isEqualTo(DemoActivity.CLICKS);
		assertThat(count("select count(*) from click where duplicate")).isBetween(100L, 400L);
		assertThat(count("select count(*) from click where sub_id is not null")).isGreaterThan(300);
		assertThat(count("select count(*) from click where promo_tool_id is not null")).isGreaterThan(600);
		assertThat(count("select count(*) from click where clicked_at < now() - interval '91 days'")).isZero();
		assertThat(count("select count(distinct partner_id) from click")).isGreaterThan(10);
		assertThat(count("""
				select count(*) from click k join partner p on p.id = k.partner_id
				where p.status <> 'approved' or p.program_id <> k.program_id""")).isZero();
		assertThat(count("select count(*) from promo_tool where kind = 'link'")).isEqualTo(4);
		// Banners need java.awt imaging; where it is missing the demo skips them, never
		// half-stores one.
		assertThat(count("select count(*) from promo_banner_image"))
			.isEqualTo(count("select count(*) from promo_tool where kind = 'banner'"));
	}

	@Test
	void seedsOrdersWithCommissionsInEveryStatus() {
		assertThat(count("select count(*) from customer_order")).isEqualTo(DemoActivity.ORDERS);
		assertThat(count("select count(*) from customer_order where occurred_at < now() - interval '181 days'"))
			.isZero();
		assertThat(count("select count(*) from customer_order where recurring")).isPositive();
		assertThat(count("select count(*) from order_charge")).isPositive();
		assertThat(count("select count(*) from commission where charge_id is not null")).isPositive();
		for (String status : new String[] { "pending", "approved", "declined", "paid", "refunded" }) {
			assertThat(count("select count(*) from commission where status = '" + status + "'")).as(status)
				.isPositive();
		}
		assertThat(count("select count(*) from commission where status = 'paid' and paid_at is null")).isZero();
		assertThat(count("select count(*) from commission where status = 'approved' and approved_at is null")).isZero();
		// Refunds went through the real path: refunded, reduced (with a record) and
		// clawed back.
		assertThat(count("select count(*) from order_refund")).isEqualTo(4);
		assertThat(count("select count(*) from commission where clawback_of is not null and amount < 0")).isPositive();
		assertThat(count("select count(*) from commission_adjustment")).isPositive();
		assertThat(count("select count(*) from commission where tier = 2")).isPositive();
	}

	@Test
	void everyCommissionIsWhatTheRulesGive() {
		// Only approved partners earn, tier 1 is the order's credited referrer, tier 2
		// his parent in a two-tier program.
		assertThat(count("""
				select count(*) from commission c join partner p on p.id = c.partner_id where p.status <> 'approved'
				""")).isZero();
		assertThat(count("""
				select count(*) from commission c join customer_order o on o.id = c.order_id
				where c.tier = 1 and c.partner_id <> o.referrer_id""")).isZero();
		assertThat(count("""
				select count(*) from commission c join customer_order o on o.id = c.order_id
				join partner referrer on referrer.id = o.referrer_id
				join partner parent on parent.id = c.partner_id join program pr on pr.id = parent.program_id
				where c.tier = 2 and (referrer.parent_id is distinct from parent.id or pr.tiers <> 2)""")).isZero();
		// Every referred initial sale by an approved partner earned tier 1 on each line.
		assertThat(count("""
				select count(*) from order_item i join customer_order o on o.id = i.order_id
				join partner p on p.id = o.referrer_id
				where p.status = 'approved' and not exists (select 1 from commission c
				  where c.order_item_id = i.id and c.tier = 1 and c.charge_id is null and c.clawback_of is null)"""))
			.isZero();
		// Amounts untouched by refunds: the product rate or the program default, percent
		// HALF_UP or flat per unit.
		long checked = count("""
				select count(*) from commission c
				where c.clawback_of is null and c.status <> 'refunded'
				  and not exists (select 1 from commission_adjustment a where a.commission_id = c.id)""");
		assertThat(checked).isGreaterThan(250);
		assertThat(count("""
				with rated as (
				  select c.amount, c.base_amount, i.quantity,
				         case when c.tier = 1 and r.first_tier_rate_type is not null then r.first_tier_rate_type
				              when c.tier = 1 then pr.first_tier_rate_type
				              when r.second_tier_rate_type is not null then r.second_tier_rate_type
				              else pr.second_tier_rate_type end as rate_type,
				         case when c.tier = 1 and r.first_tier_rate_type is not null then r.first_tier_rate_value
				              when c.tier = 1 then pr.first_tier_rate_value
				              when r.second_tier_rate_type is not null then r.second_tier_rate_value
				              else pr.second_tier_rate_value end as rate_value
				  from commission c join order_item i on i.id = c.order_item_id
				  join partner p on p.id = c.partner_id join program pr on pr.id = p.program_id
				  left join program_product_rate r on r.program_id = pr.id and r.product_id = c.product_id
				  where c.clawback_of is null and c.status <> 'refunded'
				    and not exists (select 1 from commission_adjustment a where a.commission_id = c.id))
				select count(*) from rated
				where amount <> case when rate_type = 'percent' then round(rate_value * base_amount / 100, 2)
				                     else round(rate_value * quantity, 2) end""")).isZero();
		// Spot check by hand: a course-pro sale by a Partners Pro tier-1 partner earns 30
		// % of 299.00.
		assertThat(count("""
				select count(*) from commission c join partner p on p.id = c.partner_id
				join program pr on pr.id = p.program_id
				where pr.name = 'Partners Pro' and c.tier = 1 and c.sku = 'course-pro' and c.charge_id is null
				  and c.status <> 'refunded' and c.clawback_of is null and c.base_amount = 299.00 and c.amount <> 89.70
				  and not exists (select 1 from commission_adjustment a where a.commission_id = c.id)""")).isZero();
	}

	@Test
	void printsAPartnerLoginNextToTheAdmin() {
		assertThat(this.banner.lines()).anyMatch(line -> line.startsWith("Admin:"))
			.anyMatch(line -> line.startsWith("Partner: jane.cooper@example.com / "));
		assertThat(count("select count(*) from user_account where role = 'PARTNER'")).isEqualTo(1);
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
