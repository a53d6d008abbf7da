package dev.partnerhub.demo;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactImport;
import dev.partnerhub.partners.PartnerImport;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramImport;
import dev.partnerhub.programs.Rate;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds an empty embedded database with two programs (one two-tier), five products, 25
 * partners with parents and about 500 contacts with first and last referrers, then
 * {@link DemoActivity} (clicks, orders, commissions). The base goes through the owners'
 * import APIs ({@link ProgramImport}, {@link ContactImport}, {@link PartnerImport}): rows
 * as given, with their dates, without the sign-up rules and events of the real paths;
 * demo names no table. Never runs against an external database ({@code postgres} profile
 * or SPRING_DATASOURCE_URL).
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

	private final ProgramImport programs;

	private final ContactImport contacts;

	private final ContactApi contactApi;

	private final PartnerImport partners;

	private final ProgramApi programApi;

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

	/**
	 * Where the demo programs land: the app's own hosted order form, so a tracked link
	 * works end to end locally.
	 */
	private final String landingUrl;

	DemoData(ProgramImport programs, ContactImport contacts, ContactApi contactApi, PartnerImport partners,
			ProgramApi programApi, TransactionTemplate transactions, AccountApi accounts, StartupBanner banner,
			ObjectProvider<EmbeddedPostgres> embedded, DemoActivity activity, DemoRollups rollups, DemoMail mail,
			DemoRules rules, PartnerhubProperties properties, @Value("${server.port:8080}") int port, Clock clock) {
		this.programs = programs;
		this.contacts = contacts;
		this.contactApi = contactApi;
		this.partners = partners;
		this.programApi = programApi;
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
		// The owners answer "empty?" themselves: no program and no contact yet.
		boolean empty = this.programApi.allPrograms().isEmpty() && this.contactApi.count() == 0;
		if (!empty) {
			this.banner.add("Demo:    data was seeded at first start (demo partner: jane.cooper@example.com)");
			return;
		}
		long started = System.nanoTime();
		Base base = this.transactions.execute(status -> seed());
		this.transactions.executeWithoutResult(
				status -> this.mail.seed(this.clock.instant(), base.janePartnerId(), base.programs().get(0)));
		// Orders go through the real order path, which runs its own transactions on the
		// committed base data.
		try {
			this.activity.seed(this.clock.instant(), base);
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
		String password = base.password();
		this.banner.add("Partner: jane.cooper@example.com / " + password + "   (demo partner, shown once)");
		log.info(
				"Seeded demo data: 2 programs, 5 products, {} partners, {} contacts, clicks, orders and commissions in {} ms",
				PARTNERS, CONTACTS, (System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * What the activity, the mail seed and the banner need of the base, in insertion (=
	 * id) order.
	 */
	record Base(String password, List<Long> programs, List<DemoActivity.Partner> approvedPartners,
			List<DemoActivity.Customer> referred, List<DemoActivity.Customer> unreferred, long janePartnerId) {
	}

	private Base seed() {
		Random random = new Random(42);
		Instant now = this.clock.instant();

		this.programs.importProducts(List.of(
				new ProgramImport.NewProduct("course-basic", "Online Course — Basic", new BigDecimal("99.00"), "USD"),
				new ProgramImport.NewProduct("course-pro", "Online Course — Pro", new BigDecimal("299.00"), "USD"),
				new ProgramImport.NewProduct("coaching-1h", "Coaching Session (1 hour)", new BigDecimal("150.00"),
						"USD"),
				new ProgramImport.NewProduct("ebook", "The Partner Playbook (e-book)", new BigDecimal("19.99"), "USD"),
				new ProgramImport.NewProduct("membership", "Membership (monthly)", new BigDecimal("29.00"), "USD")));
		long pro = importProgram("Partners Pro", 2, "30", "5", 60, 14, "100.00", null);
		long affiliates = importProgram("Affiliates", 1, "20", "0", 30, 30, "50.00", pro);
		// Coaching pays a flat amount per session in the Pro program.
		this.programs.importProductRate(pro, "coaching-1h", Rate.flat("25"));

		List<ContactImport.NewContact> partnerContacts = new ArrayList<>();
		for (int i = 0; i < PARTNERS; i++) {
			String first = FIRST[i % FIRST.length];
			String last = LAST[i % LAST.length];
			String email = (first + "." + last).toLowerCase(Locale.ROOT).replace("á", "a") + "@example.com";
			partnerContacts.add(new ContactImport.NewContact(email, first, last, joined(now, i)));
		}
		List<Long> partnerContactIds = this.contacts.importAll(partnerContacts);
		List<Long> partnerIds = new ArrayList<>();
		List<DemoActivity.Partner> approvedPartners = new ArrayList<>();
		for (int i = 0; i < PARTNERS; i++) {
			String first = FIRST[i % FIRST.length];
			Instant joined = joined(now, i);
			long program = i < 8 ? pro : affiliates;
			PartnerStatus status = i == 21 || i == 23 ? PartnerStatus.PENDING
					: (i == 24 ? PartnerStatus.SUSPENDED : PartnerStatus.APPROVED);
			// The first five are top-level; later partners were recruited by earlier ones
			// (tier 2).
			Long parent = i < 5 ? null : partnerIds.get(random.nextInt(Math.min(i, 8)));
			String code = first.toLowerCase(Locale.ROOT).replace("á", "a") + (i + 1);
			long partnerId = this.partners.importPartner(new PartnerImport.NewPartner(partnerContactIds.get(i), program,
					code, status, parent, i % 6 == 5 ? null : "paypal+" + code + "@example.com", joined,
					status == PartnerStatus.APPROVED ? joined : null));
			partnerIds.add(partnerId);
			if (status == PartnerStatus.APPROVED) {
				approvedPartners.add(new DemoActivity.Partner(partnerId, program, this.landingUrl));
			}
		}

		List<Long> approved = partnerIds.subList(0, 21);
		List<ContactImport.NewContact> customers = new ArrayList<>();
		for (int i = PARTNERS; i < CONTACTS; i++) {
			String first = FIRST[random.nextInt(FIRST.length)];
			String last = LAST[random.nextInt(LAST.length)];
			String email = (first + "." + last + "." + i).toLowerCase(Locale.ROOT).replace("á", "a")
					+ "@customers.example";
			Instant added = now.minus(Duration.ofMinutes(random.nextInt(180 * 24 * 60)));
			int kind = random.nextInt(10);
			if (kind < 7) { // most contacts came through a partner
				long firstReferrer = approved.get(random.nextInt(approved.size()));
				long lastReferrer = kind < 5 ? firstReferrer : approved.get(random.nextInt(approved.size()));
				Instant lastAt = added.plus(Duration.ofHours(kind < 5 ? 0 : random.nextInt(240)));
				customers.add(new ContactImport.NewContact(email, first, last, added, firstReferrer, added,
						lastReferrer, lastAt.isAfter(now) ? now : lastAt));
			}
			else {
				customers.add(new ContactImport.NewContact(email, first, last, added));
			}
		}
		List<Long> customerIds = this.contacts.importAll(customers);
		List<DemoActivity.Customer> referred = new ArrayList<>();
		List<DemoActivity.Customer> unreferred = new ArrayList<>();
		for (int i = 0; i < customers.size(); i++) {
			ContactImport.NewContact customer = customers.get(i);
			(customer.firstReferrerId() != null ? referred : unreferred)
				.add(new DemoActivity.Customer(customerIds.get(i), customer.email(), customer.dateAdded()));
		}

		String password = randomPassword();
		this.accounts.createPartnerLogin(partnerContactIds.get(0), "jane.cooper@example.com", password);
		return new Base(password, List.of(pro, affiliates), approvedPartners, referred, unreferred, partnerIds.get(0));
	}

	private static Instant joined(Instant now, int partner) {
		return now.minus(Duration.ofDays(200 - partner * 6L));
	}

	private long importProgram(String name, int tiers, String firstRate, String secondRate, int cookieDays,
			int approvalDelay, String minimumPayout, Long nextLevel) {
		return this.programs
			.importProgram(new ProgramImport.NewProgram(name, this.landingUrl, tiers, "USD", Rate.percent(firstRate),
					Rate.percent(secondRate), cookieDays, approvalDelay, new BigDecimal(minimumPayout), nextLevel));
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
