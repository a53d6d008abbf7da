package dev.partnerhub.demo;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.support.PartnerhubProperties;
import dev.partnerhub.support.StartupBanner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds an empty embedded database with two programs (one two-tier), five products, 25 partners with parents and
 * about 500 contacts with first and last referrers, then {@link DemoActivity} (clicks, orders, commissions). The
 * base is written as set-based SQL: it is a fixture, not business logic, and it runs once. Never runs against an external database ({@code postgres} profile or SPRING_DATASOURCE_URL).
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	static final int PARTNERS = 25;

	static final int CONTACTS = 500;

	private static final String[] FIRST = { "Jane", "Omar", "Lucia", "Kenji", "Amara", "Tomás", "Priya", "Noah",
			"Freya", "Mateo", "Aisha", "Liam", "Sofia", "Ethan", "Yara", "Lukas", "Chloe", "Ravi", "Maya", "Felix",
			"Nina", "Hugo", "Zoe", "Arjun", "Elena", "Samuel", "Ines", "Daniel", "Leila", "Oscar" };

	private static final String[] LAST = { "Cooper", "Haddad", "Moreno", "Tanaka", "Okafor", "Silva", "Sharma",
			"Fischer", "Larsen", "Rossi", "Khan", "Walsh", "Novak", "Bennett", "Costa", "Weber", "Dubois", "Patel",
			"Levi", "Nilsen", "Garcia", "Martin", "Keller", "Iyer", "Popescu", "Brooks", "Almeida", "Young", "Sato",
			"Reid" };

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AccountApi accounts;

	private final StartupBanner banner;

	private final ObjectProvider<EmbeddedPostgres> embedded;

	private final DemoActivity activity;

	private final DemoRollups rollups;

	private final DemoMail mail;

	private final DemoRules rules;

	private final boolean enabled;

	private final Clock clock;

	/** Where the demo programs land: the app's own hosted order form, so a tracked link works end to end locally. */
	private final String landingUrl;

	DemoData(JdbcClient jdbc, TransactionTemplate transactions, AccountApi accounts, StartupBanner banner,
			ObjectProvider<EmbeddedPostgres> embedded, DemoActivity activity, DemoRollups rollups, DemoMail mail, DemoRules rules,
			PartnerhubProperties properties, @Value("${server.port:8080}") int port, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.accounts = accounts;
		this.banner = banner;
		this.embedded = embedded;
		this.activity = activity;
		this.rollups = rollups;
		this.mail = mail;
		this.rules = rules;
		this.enabled = properties.demo().enabled();
		this.clock = clock;
		this.landingUrl = "http://localhost:" + (port > 0 ? port : 8080) + "/buy/course-basic";
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.enabled || this.embedded.getIfAvailable() == null) {
			return;
		}
		boolean empty = this.jdbc.sql("select not exists (select 1 from program) and not exists (select 1 from contact)")
			.query(Boolean.class)
			.single();
		if (!empty) {
			this.banner.add("Demo:    data was seeded at first start (demo partner: jane.cooper@example.com)");
			return;
		}
		String password = this.transactions.execute(status -> seed());
		this.transactions.executeWithoutResult(status -> this.mail.seed(this.clock.instant()));
		// Orders go through the real order path, which runs its own transactions on the committed base data.
		try {
			this.activity.seed(this.clock.instant());
		}
		catch (RuntimeException ex) {
			// The demo stays usable without its activity; the app must still start.
			log.error("Demo activity (clicks, orders, commissions) could not be seeded", ex);
		}
		try {
			this.rollups.seed();
		}
		catch (RuntimeException ex) {
			log.error("Demo rollup fields could not be seeded", ex);
		}
		try {
			this.rules.seed();
		}
		catch (RuntimeException ex) {
			log.error("Demo automation rules could not be seeded", ex);
		}
		this.banner.add("Partner: jane.cooper@example.com / " + password + "   (demo partner, shown once)");
		log.info("Seeded demo data: 2 programs, 5 products, {} partners, {} contacts, clicks, orders and commissions",
				PARTNERS, CONTACTS);
	}

	private String seed() {
		Random random = new Random(42);
		Instant now = this.clock.instant();

		this.jdbc.sql("""
				insert into product (sku, name, price, currency) values
				  ('course-basic', 'Online Course — Basic', 99.00, 'USD'),
				  ('course-pro', 'Online Course — Pro', 299.00, 'USD'),
				  ('coaching-1h', 'Coaching Session (1 hour)', 150.00, 'USD'),
				  ('ebook', 'The Partner Playbook (e-book)', 19.99, 'USD'),
				  ('membership', 'Membership (monthly)', 29.00, 'USD')
				""").update();
		long pro = insertProgram("Partners Pro", 2, "30", "5", 60, 14, "100.00");
		long affiliates = insertProgram("Affiliates", 1, "20", "0", 30, 30, "50.00");
		this.jdbc.sql("update program set next_level_program_id = :pro where id = :affiliates")
			.param("pro", pro)
			.param("affiliates", affiliates)
			.update();
		// Coaching pays a flat amount per session in the Pro program.
		this.jdbc.sql("""
				insert into program_product_rate (program_id, product_id, first_tier_rate_type, first_tier_rate_value)
				select :pro, id, 'flat', 25 from product where sku = 'coaching-1h'
				""").param("pro", pro).update();

		List<Long> partnerIds = new ArrayList<>();
		for (int i = 0; i < PARTNERS; i++) {
			String first = FIRST[i % FIRST.length];
			String last = LAST[i % LAST.length];
			String email = (first + "." + last).toLowerCase(Locale.ROOT).replace("á", "a") + "@example.com";
			Instant joined = now.minus(Duration.ofDays(200 - i * 6L));
			long contactId = insertContact(email, first, last, joined);
			long program = i < 8 ? pro : affiliates;
			String status = i == 21 || i == 23 ? "pending" : (i == 24 ? "suspended" : "approved");
			// The first five are top-level; later partners were recruited by earlier ones (tier 2).
			Long parent = i < 5 ? null : partnerIds.get(random.nextInt(Math.min(i, 8)));
			String code = first.toLowerCase(Locale.ROOT).replace("á", "a") + (i + 1);
			long partnerId = this.jdbc.sql("""
					insert into partner (contact_id, program_id, code, status, parent_id, payout_email, created_at, approved_at)
					values (:contact, :program, :code, :status, :parent, :payout, :joined, :approvedAt)
					returning id
					""")
				.param("contact", contactId)
				.param("program", program)
				.param("code", code)
				.param("status", status)
				.param("parent", parent)
				.param("payout", i % 6 == 5 ? null : "paypal+" + code + "@example.com")
				.param("joined", Timestamp.from(joined))
				.param("approvedAt", "approved".equals(status) ? Timestamp.from(joined) : null)
				.query(Long.class)
				.single();
			partnerIds.add(partnerId);
		}

		List<Long> approved = partnerIds.subList(0, 21);
		for (int i = PARTNERS; i < CONTACTS; i++) {
			String first = FIRST[random.nextInt(FIRST.length)];
			String last = LAST[random.nextInt(LAST.length)];
			String email = (first + "." + last + "." + i).toLowerCase(Locale.ROOT).replace("á", "a")
					+ "@customers.example";
			Instant added = now.minus(Duration.ofMinutes(random.nextInt(180 * 24 * 60)));
			long contactId = insertContact(email, first, last, added);
			int kind = random.nextInt(10);
			if (kind < 7) { // most contacts came through a partner
				long firstReferrer = approved.get(random.nextInt(approved.size()));
				long lastReferrer = kind < 5 ? firstReferrer : approved.get(random.nextInt(approved.size()));
				Instant lastAt = added.plus(Duration.ofHours(kind < 5 ? 0 : random.nextInt(240)));
				this.jdbc.sql("""
						update contact set first_referrer_id = :first, first_referred_at = :firstAt,
						                   last_referrer_id = :last, last_referred_at = :lastAt
						where id = :id
						""")
					.param("first", firstReferrer)
					.param("firstAt", Timestamp.from(added))
					.param("last", lastReferrer)
					.param("lastAt", Timestamp.from(lastAt.isAfter(now) ? now : lastAt))
					.param("id", contactId)
					.update();
			}
		}

		String password = randomPassword();
		long janeContact = this.jdbc.sql("select id from contact where email = 'jane.cooper@example.com'")
			.query(Long.class)
			.single();
		this.accounts.createPartnerLogin(janeContact, "jane.cooper@example.com", password);
		return password;
	}

	private long insertProgram(String name, int tiers, String firstRate, String secondRate, int cookieDays,
			int approvalDelay, String minimumPayout) {
		return this.jdbc.sql("""
				insert into program (name, landing_url, tiers, currency, first_tier_rate_type, first_tier_rate_value,
				                     second_tier_rate_type, second_tier_rate_value, cookie_days, approval_delay_days,
				                     minimum_payout)
				values (:name, :landing, :tiers, 'USD', 'percent', cast(:first as numeric),
				        'percent', cast(:second as numeric), :cookie, :delay, cast(:minimum as numeric))
				returning id
				""")
			.param("name", name)
			.param("landing", this.landingUrl)
			.param("tiers", tiers)
			.param("first", firstRate)
			.param("second", secondRate)
			.param("cookie", cookieDays)
			.param("delay", approvalDelay)
			.param("minimum", minimumPayout)
			.query(Long.class)
			.single();
	}

	private long insertContact(String email, String first, String last, Instant added) {
		return this.jdbc.sql("""
				insert into contact (email, first_name, last_name, date_added)
				values (:email, :first, :last, :added) returning id
				""")
			.param("email", email)
			.param("first", first)
			.param("last", last)
			.param("added", Timestamp.from(added))
			.query(Long.class)
			.single();
	}

	private static String randomPassword() {
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 14; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}

}
