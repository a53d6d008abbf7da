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

/** The default run on an empty embedded database: a believable demo and a printed partner login. */
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
		assertThat(count("select count(*) from product")).isEqualTo(5);
		assertThat(count("select count(*) from partner")).isEqualTo(DemoData.PARTNERS);
		assertThat(count("select count(*) from partner where parent_id is not null")).isGreaterThanOrEqualTo(15);
		assertThat(count("select count(*) from contact")).isEqualTo(DemoData.CONTACTS);
		assertThat(count("select count(*) from contact where first_referrer_id is not null")).isGreaterThan(250);
		assertThat(count("select count(*) from contact where first_referrer_id <> last_referrer_id")).isPositive();
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
