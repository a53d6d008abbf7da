package dev.partnerhub.console;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.orders.domain.OrderQueries;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.ModelAndView;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard's figures equal sums computed here from the raw tables for one program
 * and a range; another program's data does not leak in; the links behind the figures land
 * on lists with the same numbers; hostile parameters get a message, not a 500.
 */
@IntegrationTest
class DashboardTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	OrderFixtures f;

	ProgramSummary usd;

	ProgramSummary eur;

	PartnerSummary payable;

	PartnerSummary noPayoutEmail;

	PartnerSummary pending;

	PartnerSummary euro;

	ProductSummary product;

	@BeforeEach
	void data() throws Exception {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		this.usd = this.f.program(1, Rate.percent("10"), null);
		this.eur = this.programs
			.createProgram(new ProgramDefinition(unique("Euro program "), "https://shop.example.com", 1, "EUR",
					Rate.percent("20"), null, 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		this.product = this.f.product("10.00");
		this.payable = partner(this.usd, PartnerStatus.APPROVED, true);
		this.noPayoutEmail = partner(this.usd, PartnerStatus.APPROVED, false);
		this.pending = partner(this.usd, PartnerStatus.PENDING, false);
		this.euro = partner(this.eur, PartnerStatus.APPROVED, true);

		String old = order(this.payable, "USD", "100.00");
		order(this.payable, "USD", "50.00");
		order(this.payable, "USD", "20.00");
		order(this.noPayoutEmail, "USD", "200.00");
		order(null, "USD", "999.00");
		order(this.euro, "EUR", "70.00");
		order(this.euro, "EUR", "30.00");
		// one sale 40 days ago: outside the last 30 days
		this.jdbc.sql("update customer_order set occurred_at = now() - interval '40 days' where order_id = :id")
			.param("id", old)
			.update();
		this.jdbc.sql("""
				update commission set transaction_date = now() - interval '40 days'
				where order_id = (select id from customer_order where order_id = :id)""").param("id", old).update();
		// statuses: the 50.00 sale's commission approved, the 200.00 one held, the euro
		// ones
		// approved (they must not show for the dollar program)
		this.jdbc.sql("""
				update commission set status = 'approved', approved_at = now()
				where partner_id in (:payable, :euro) and amount in (5.00, 14.00, 6.00)""")
			.param("payable", this.payable.id())
			.param("euro", this.euro.id())
			.update();
		this.jdbc.sql("update commission set status = 'held', held_at = now() where partner_id = :p")
			.param("p", this.noPayoutEmail.id())
			.update();
		click(this.payable, 0, false);
		click(this.payable, 1, false);
		click(this.payable, 2, true);
		click(this.payable, 45, false);
		click(this.noPayoutEmail, 3, false);
		click(this.euro, 1, false);
		click(this.euro, 1, false);
	}

	@Test
	void figuresOfOneProgramEqualSumsOverTheRawTables() throws Exception {
		ModelAndView view = dashboard("/admin?period=last30&program=" + this.usd.id());
		Map<String, Object> model = view.getModel();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		Timestamp start = Timestamp.from(today.minusDays(29).atStartOfDay(ZoneOffset.UTC).toInstant());
		Timestamp end = Timestamp.from(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());

		// revenue referred by partners: known values, and the same as SQL
		List<DashboardController.Figure> revenue = list(model, "revenue");
		assertThat(sums(revenue)).isEqualTo(Map.of("USD", new BigDecimal("270.00"))).isEqualTo(sql("""
				select o.currency as k, sum(o.total) as v from customer_order o join partner p on p.id = o.referrer_id
				where p.program_id = :program and o.occurred_at >= :start and o.occurred_at < :end group by 1
				""", start, end));
		assertThat(revenue.get(0).count()).isEqualTo(3);

		// commissions by status
		List<DashboardController.StatusCard> cards = list(model, "statusCards");
		for (DashboardController.StatusCard card : cards) {
			Map<String, BigDecimal> expected = this.jdbc.sql("""
					select c.currency as k, sum(c.amount) as v from commission c join partner p on p.id = c.partner_id
					where p.program_id = :program and c.transaction_date >= :start and c.transaction_date < :end
					  and c.status = :status group by 1""")
				.param("program", this.usd.id())
				.param("start", start)
				.param("end", end)
				.param("status", card.status())
				.query((rs, n) -> Map.entry(rs.getString("k"), rs.getBigDecimal("v")))
				.list()
				.stream()
				.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			assertThat(sums(card.sums())).as(card.status()).isEqualTo(expected);
		}
		assertThat(sums(card(cards, "pending").sums())).isEqualTo(Map.of("USD", new BigDecimal("2.00")));
		assertThat(sums(card(cards, "approved").sums())).isEqualTo(Map.of("USD", new BigDecimal("5.00")));
		assertThat(sums(card(cards, "held").sums())).isEqualTo(Map.of("USD", new BigDecimal("20.00")));

		// funnel
		List<DashboardController.Step> funnel = list(model, "funnel");
		long clicks = count("""
				select count(*) from click where program_id = :program and not duplicate
				  and clicked_at >= :start and clicked_at < :end""", start, end);
		long leads = count("""
				select count(*) from contact c join partner p on p.id = c.first_referrer_id
				where p.program_id = :program and c.date_added >= :start and c.date_added < :end""", start, end);
		long customers = count("""
				select count(distinct o.contact_id) from customer_order o join partner p on p.id = o.referrer_id
				where p.program_id = :program and o.occurred_at >= :start and o.occurred_at < :end
				  and o.occurred_at = (select min(e.occurred_at) from customer_order e
				                       where e.contact_id = o.contact_id and e.status <> 'unpaid')""", start, end);
		long sales = count("""
				select count(*) from customer_order o join partner p on p.id = o.referrer_id
				where p.program_id = :program and o.occurred_at >= :start and o.occurred_at < :end""", start, end);
		assertThat(funnel).extracting(DashboardController.Step::count).containsExactly(clicks, leads, customers, sales);
		assertThat(clicks).isEqualTo(3);
		assertThat(sales).isEqualTo(3);
		assertThat(funnel.get(3).rate()).isEqualTo(DashboardController.rate(sales, customers));

		// partners
		assertThat(model.get("newPartners")).isEqualTo(count("""
				select count(*) from partner where program_id = :program and created_at >= :start and created_at < :end
				""", start, end)).isEqualTo(3L);
		assertThat(model.get("awaiting")).isEqualTo(1L);

		// top partners
		List<DashboardController.Ranked> topRevenue = list(model, "topRevenue");
		assertThat(topRevenue).extracting(DashboardController.Ranked::code, DashboardController.Ranked::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(this.noPayoutEmail.code(), new BigDecimal("200.00")),
					org.assertj.core.groups.Tuple.tuple(this.payable.code(), new BigDecimal("70.00")));
		List<DashboardController.Ranked> topCommission = list(model, "topCommission");
		assertThat(topCommission).extracting(DashboardController.Ranked::code, DashboardController.Ranked::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(this.noPayoutEmail.code(), new BigDecimal("20.00")),
					org.assertj.core.groups.Tuple.tuple(this.payable.code(), new BigDecimal("7.00")));

		// next payout: approved commissions of approved partners with a payout e-mail,
		// whenever earned
		List<DashboardController.Figure> owed = list(model, "payable");
		assertThat(sums(owed))
			.isEqualTo(
					sql("""
							select c.currency as k, sum(c.amount) as v from commission c join partner p on p.id = c.partner_id
							where p.program_id = :program and c.status = 'approved' and p.status = 'approved'
							  and coalesce(btrim(p.payout_email), '') <> ''
							  and not exists (select 1 from payout_item_commission l where l.commission_id = c.id and l.released_at is null)
							group by 1 having sum(c.amount) > 0""",
							start, end))
			.isEqualTo(Map.of("USD", new BigDecimal("5.00")));

		// trends: one bar a day, the same totals
		List<DashboardChart> charts = list(model, "charts");
		assertThat(charts).extracting(DashboardChart::id)
			.containsExactly("chart-clicks", "chart-sales", "chart-revenue-0", "chart-commissions-0");
		assertThat(charts.get(0).bars()).hasSize(30);
		assertThat(charts.get(0).total()).isEqualTo("3");
		assertThat(charts.get(2).total()).isEqualTo("270.00");
		assertThat(charts.get(3).total()).isEqualTo("27.00");
	}

	/**
	 * Top partners by commission add whole months from the monthly totals and the days
	 * around them from the commissions: over ranges with and without whole months, the
	 * list equals a sum over the raw table.
	 */
	@Test
	void topPartnersOverWholeMonthsAndTheirEdgesEqualTheRawSums() throws Exception {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		// spread the dollar program's commissions over the last 100 days
		List<Long> ids = this.jdbc.sql("select id from commission where program_id = :program order by id")
			.param("program", this.usd.id())
			.query(Long.class)
			.list();
		for (int i = 0; i < ids.size(); i++) {
			this.jdbc.sql("update commission set transaction_date = now() - make_interval(days => :d) where id = :id")
				.param("d", (i * 37) % 100)
				.param("id", ids.get(i))
				.update();
		}
		for (LocalDate from : List.of(today.minusDays(99), today.minusDays(64), today.withDayOfMonth(1),
				today.minusDays(5), today.minusMonths(2).withDayOfMonth(1))) {
			String url = "/admin?period=custom&program=" + this.usd.id() + "&from=" + from + "&to=" + today;
			List<DashboardController.Ranked> top = list(dashboard(url).getModel(), "topCommission");
			List<String> raw = this.jdbc.sql("""
					select p.code || ' ' || sum(c.amount) from commission c join partner p on p.id = c.partner_id
					where c.program_id = :program and c.status in ('pending', 'held', 'approved', 'paid')
					  and c.transaction_date >= :start and c.transaction_date < :end
					group by p.code order by sum(c.amount) desc, p.code limit 10
					""")
				.param("program", this.usd.id())
				.param("start", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
				.param("end", Timestamp.from(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
				.query(String.class)
				.list();
			assertThat(top).as(url)
				.extracting(r -> r.code() + " " + r.value().setScale(2))
				.containsExactlyElementsOf(raw);
		}
	}

	@Test
	void anotherProgramsDataDoesNotLeakIn() throws Exception {
		Map<String, Object> model = dashboard("/admin?period=last7&program=" + this.eur.id()).getModel();
		assertThat(sums(list(model, "revenue"))).isEqualTo(Map.of("EUR", new BigDecimal("100.00")));
		List<DashboardController.StatusCard> cards = list(model, "statusCards");
		assertThat(sums(card(cards, "approved").sums())).isEqualTo(Map.of("EUR", new BigDecimal("20.00")));
		assertThat(card(cards, "held").sums()).isEmpty();
		assertThat(list(model, "topRevenue")).extracting("code").containsExactly(this.euro.code());
		assertThat(model.get("awaiting")).isEqualTo(0L);
		List<DashboardController.Step> funnel = list(model, "funnel");
		assertThat(funnel.get(0).count()).isEqualTo(2);

		// all programs: every currency on its own, never one sum
		Map<String, Object> all = dashboard("/admin?period=today").getModel();
		assertThat(sums(list(all, "revenue"))).containsKeys("USD", "EUR");
	}

	@Test
	void linksLandOnListsWithTheSameNumbers() throws Exception {
		Map<String, Object> model = dashboard("/admin?period=last30&program=" + this.usd.id()).getModel();
		DashboardController.Figure revenue = (DashboardController.Figure) list(model, "revenue").get(0);
		Page<OrderQueries.Row> orders = page(dashboardList(revenue.link() + "&size=100"));
		assertThat(orders.getTotalElements()).isEqualTo(revenue.count());
		assertThat(orders.getContent().stream().map(OrderQueries.Row::total).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualTo(revenue.value());

		for (String status : List.of("pending", "held", "approved")) {
			DashboardController.StatusCard card = card(list(model, "statusCards"), status);
			Page<?> commissions = page(dashboardList(card.link()));
			assertThat(commissions.getTotalElements()).as(status).isEqualTo(card.sums().get(0).count());
		}

		Page<?> awaiting = page(dashboardList((String) model.get("awaitingLink")));
		assertThat(awaiting.getTotalElements()).isEqualTo(1);

		// new partners: the partner list filtered by the days they joined
		Page<?> joined = page(dashboardList((String) model.get("newPartnersLink")));
		assertThat(joined.getTotalElements()).isEqualTo(model.get("newPartners")).isEqualTo(3L);

		// leads: the contact list of contacts a partner of the program referred first,
		// added
		// in the range; customers: the orders list of first paid-for orders credited to a
		// partner of the program
		List<DashboardController.Step> funnel = list(model, "funnel");
		DashboardController.Step leads = funnel.get(1);
		DashboardController.Step customers = funnel.get(2);
		assertThat(leads.count()).isPositive();
		assertThat(customers.count()).isPositive();
		Page<?> contacts = (Page<?>) dashboardList(leads.link()).getModel().get("contacts");
		assertThat(contacts.getTotalElements()).as(leads.link()).isEqualTo(leads.count());
		Page<?> firstOrders = page(dashboardList(customers.link() + "&size=100"));
		assertThat(firstOrders.getTotalElements()).as(customers.link()).isEqualTo(customers.count());

		DashboardController.Ranked top = (DashboardController.Ranked) list(model, "topRevenue").get(0);
		Page<OrderQueries.Row> his = page(dashboardList(top.link()));
		assertThat(his.getContent()).extracting(OrderQueries.Row::total).containsExactly(new BigDecimal("200.00"));
	}

	/**
	 * The dashboard's customers and the orders list's first=yes read one definition of a
	 * first purchase (orders' view {@code order_first_purchase}); on its edges they agree
	 * with each other and with the rule: an unpaid order does not count, a first purchase
	 * before the range or not credited to a partner leaves the contact out, two orders at
	 * the same instant count once (the lower id).
	 */
	@Test
	void customersAndTheFirstPurchasesListAgreeOnTheEdges() throws Exception {
		ProgramSummary program = this.f.program(1, Rate.percent("10"), null);
		PartnerSummary partner = partner(program, PartnerStatus.APPROVED, true);
		String a = unique("first-a-");
		String aUnpaid = order(null, "USD", "10.00", a);
		String aFirst = order(partner, "USD", "11.00", a);
		ago(aUnpaid, "2 days");
		this.jdbc.sql("update customer_order set status = 'unpaid' where order_id = :id").param("id", aUnpaid).update();
		ago(aFirst, "1 day");
		String b = unique("first-b-");
		ago(order(partner, "USD", "12.00", b), "40 days");
		ago(order(partner, "USD", "13.00", b), "1 day");
		String c = unique("first-c-");
		String cFirst = order(partner, "USD", "14.00", c);
		String cTwin = order(partner, "USD", "15.00", c);
		this.jdbc.sql("""
				update customer_order set occurred_at = date_trunc('second', now()) - interval '3 days'
				where order_id in (:ids)""").param("ids", List.of(cFirst, cTwin)).update();
		String d = unique("first-d-");
		ago(order(null, "USD", "16.00", d), "5 days");
		ago(order(partner, "USD", "17.00", d), "2 days");

		List<DashboardController.Step> funnel = list(
				dashboard("/admin?period=last30&program=" + program.id()).getModel(), "funnel");
		DashboardController.Step customers = funnel.get(2);
		assertThat(customers.count()).isEqualTo(2);
		Page<OrderQueries.Row> firstOrders = page(dashboardList(customers.link() + "&size=100"));
		assertThat(firstOrders.getContent()).extracting(OrderQueries.Row::orderId)
			.containsExactlyInAnyOrder(aFirst, cFirst);
		// without the program the list shows every first purchase: d's is not referred
		Page<OrderQueries.Row> dFirst = page(dashboardList("/admin/orders?first=yes&q=" + d));
		assertThat(dFirst.getContent()).extracting(OrderQueries.Row::total).containsExactly(new BigDecimal("16.00"));
	}

	private void ago(String orderId, String interval) {
		this.jdbc.sql("update customer_order set occurred_at = now() - cast(:ago as interval) where order_id = :id")
			.param("ago", interval)
			.param("id", orderId)
			.update();
	}

	@Test
	void hostileParametersGetAMessageOrTheDefault() throws Exception {
		Map<String, String> cases = new TreeMap<>(
				Map.of("/admin?period=forever", "Unknown period", "/admin?period=custom&from=2026-13-45",
						"Enter the start date as YYYY-MM-DD", "/admin?period=custom&from=2026-03-01&to=2026-02-01",
						"is after the end date", "/admin?period=custom&from=2000-01-01&to=2999-12-31",
						"Choose at most 366 days", "/admin?program=999999999999", "There is no such program",
						"/admin?program=%27%3Bdrop", "There is no such program", "/admin?by=month", "by day or by week",
						"/admin?from=%3Cscript%3Ealert(1)%3C/script%3E", "Enter the start date",
						"/admin?period=custom&from=99999999-01-01", "Enter the start date", "/admin?from=0001-01-01",
						"between 2000 and 2999"));
		for (Map.Entry<String, String> hostile : cases.entrySet()) {
			this.mvc.perform(get(hostile.getKey()).with(ADMIN))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(hostile.getValue())))
				.andExpect(content().string(not(containsString("<script>alert"))));
		}
		// the default: the last 30 days
		ModelAndView view = dashboard("/admin?period=custom&from=2026-03-01&to=2026-02-01");
		DashboardRange range = (DashboardRange) view.getModel().get("range");
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		assertThat(range.from()).isEqualTo(today.minusDays(29));
		assertThat(range.to()).isEqualTo(today);
	}

	@Test
	void presetsAndWeeks() {
		LocalDate day = LocalDate.of(2026, 3, 18);
		assertThat(DashboardRange.parse("lastMonth", null, null, null, day)).extracting("from", "to")
			.containsExactly(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28));
		assertThat(DashboardRange.parse("thisYear", null, null, null, day).weekly()).isTrue();
		assertThat(DashboardRange.parse("thisYear", null, null, null, day).firstBucket())
			.isEqualTo(LocalDate.of(2025, 12, 29));
		assertThat(DashboardRange.parse("custom", "2026-03-01", "2026-03-10", "week", day).weekly()).isTrue();
		assertThat(DashboardRange.parse(null, "2026-03-01", "2026-03-10", null, day).preset()).isEqualTo("custom");
	}

	private ModelAndView dashboard(String url) throws Exception {
		return this.mvc.perform(get(url).with(ADMIN)).andExpect(status().isOk()).andReturn().getModelAndView();
	}

	private ModelAndView dashboardList(String url) throws Exception {
		return this.mvc.perform(get(url).with(ADMIN)).andExpect(status().isOk()).andReturn().getModelAndView();
	}

	@SuppressWarnings("unchecked")
	private static <T> Page<T> page(ModelAndView view) {
		return (Page<T>) view.getModel().get("rows");
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Map<String, Object> model, String name) {
		return (List<T>) model.get(name);
	}

	private static DashboardController.StatusCard card(List<DashboardController.StatusCard> cards, String status) {
		return cards.stream().filter(c -> c.status().equals(status)).findFirst().orElseThrow();
	}

	private static Map<String, BigDecimal> sums(List<DashboardController.Figure> figures) {
		Map<String, BigDecimal> sums = new TreeMap<>();
		figures.forEach(figure -> sums.put(figure.currency(), figure.value()));
		return sums;
	}

	private Map<String, BigDecimal> sql(String sql, Timestamp start, Timestamp end) {
		Map<String, BigDecimal> sums = new TreeMap<>();
		this.jdbc.sql(sql)
			.param("program", this.usd.id())
			.param("start", start)
			.param("end", end)
			.query((rs, n) -> sums.put(rs.getString("k"), rs.getBigDecimal("v")))
			.list();
		return sums;
	}

	private long count(String sql, Timestamp start, Timestamp end) {
		return this.jdbc.sql(sql)
			.param("program", this.usd.id())
			.param("start", start)
			.param("end", end)
			.query(Long.class)
			.single();
	}

	private PartnerSummary partner(ProgramSummary program, PartnerStatus status, boolean payoutEmail) {
		String code = unique("dash");
		long contactId = this.contacts.create(code + "@partners.example.com", "Dana", code).id();
		return this.partners.enroll(new Enrollment(contactId, program.id(), code, status, null,
				payoutEmail ? code + "@paypal.example.com" : null, null));
	}

	/** A sale through the real order path, referred by the partner (or nobody). */
	private String order(PartnerSummary referrer, String currency, String amount) throws Exception {
		return order(referrer, currency, amount, null);
	}

	/** A sale to {@code buyer}@buyers.example.com (a new buyer when null). */
	private String order(PartnerSummary referrer, String currency, String amount, String buyer) throws Exception {
		String orderId = unique("dash-");
		this.f.postOrder("""
				{"orderId": "%s", "email": "%s@buyers.example.com", %s "currency": "%s", "items": [%s]}
				""".formatted(orderId, buyer == null ? orderId : buyer,
				referrer == null ? "" : "\"referral\": \"" + referrer.code() + "\",", currency,
				item(this.product.sku(), 1, amount)))
			.andExpect(status().isCreated());
		return orderId;
	}

	private void click(PartnerSummary partner, int daysAgo, boolean duplicate) {
		this.jdbc.sql("""
				insert into click (token, partner_id, program_id, clicked_at, duplicate, landing_url)
				values (:token, :partner, :program, now() - make_interval(days => :days), :duplicate,
				        'https://shop.example.com/')""")
			.param("token", unique("dash-click-"))
			.param("partner", partner.id())
			.param("program", partner.programId())
			.param("days", daysAgo)
			.param("duplicate", duplicate)
			.update();
	}

}
