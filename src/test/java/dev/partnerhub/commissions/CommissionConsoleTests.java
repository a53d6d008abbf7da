package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class CommissionConsoleTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	private static final Pattern CARD = Pattern.compile("id=\"total-(\\w+)\" data-count=\"(\\d+)\"(.*?)</div></div>",
			Pattern.DOTALL);

	private static final Pattern SUM = Pattern.compile("data-currency=\"(\\w+)\" data-amount=\"(-?[\\d.]+)\"");

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

	OrderFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	private String place(String referral, String occurredAt, String items) throws Exception {
		String orderId = unique("o-");
		this.f.postOrder("""
				{"orderId": "%s", "email": "%s", "referral": "%s", "currency": "USD", "occurredAt": "%s",
				 "items": [%s]}
				""".formatted(orderId, unique("buyer") + "@customers.example.com", referral, occurredAt, items))
			.andExpect(status().isCreated());
		return orderId;
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private void setStatus(String orderId, int tier, String status) {
		this.jdbc.sql("""
				update commission set status = :status,
				       approved_at = case when :status in ('approved', 'paid') then now() end,
				       paid_at = case when :status = 'paid' then now() end
				where order_id = (select id from customer_order where order_id = :id) and tier = :tier
				""").param("status", status).param("id", orderId).param("tier", tier).update();
	}

	/** status → (count, amount) as the page's total cards show them. */
	private static Map<String, Total> cards(String html) {
		Map<String, Total> cards = new HashMap<>();
		Matcher card = CARD.matcher(html);
		while (card.find()) {
			BigDecimal amount = BigDecimal.ZERO.setScale(2);
			Matcher sum = SUM.matcher(card.group(3));
			while (sum.find()) {
				amount = amount.add(new BigDecimal(sum.group(2)));
			}
			cards.put(card.group(1), new Total(Long.parseLong(card.group(2)), amount));
		}
		return cards;
	}

	/** The same totals computed straight from the table, for the same conditions. */
	private Map<String, Total> expected(String condition, Map<String, Object> params) {
		Map<String, Total> expected = new HashMap<>();
		for (CommissionStatus status : CommissionStatus.values()) {
			expected.put(status.value(), new Total(0, BigDecimal.ZERO.setScale(2)));
		}
		this.jdbc.sql("""
				select c.status, count(*) as n, sum(c.amount) as amount
				from commission c join partner p on p.id = c.partner_id
				where %s group by c.status
				""".formatted(condition)).params(params).query(rs -> {
			expected.put(rs.getString("status"), new Total(rs.getLong("n"), rs.getBigDecimal("amount")));
		});
		return expected;
	}

	record Total(long count, BigDecimal amount) {
	}

	@Test
	void filtersByPartnerProgramSkuStatusAndDatesWithTotalsPerStatus() throws Exception {
		ProductSummary x = this.f.product("100.00");
		ProductSummary y = this.f.product("40.00");
		ProgramSummary twoTier = this.f.program(2, Rate.percent("10"), Rate.percent("5"));
		ProgramSummary oneTier = this.f.program(1, Rate.percent("20"), Rate.percent("0"));
		PartnerSummary parent = this.f.partner(twoTier);
		PartnerSummary child = this.f.partner(twoTier, parent, PartnerStatus.APPROVED);
		PartnerSummary solo = this.f.partner(oneTier);
		String jan = place(child.code(), "2026-01-15T12:00:00Z", item(x.sku(), 1, "100.00"));
		String feb = place(child.code(), "2026-02-15T12:00:00Z", item(y.sku(), 2, "40.00"));
		String mar = place(child.code(), "2026-03-15T12:00:00Z", item(x.sku(), 3, "100.00"));
		String soloOrder = place(solo.code(), "2026-02-20T12:00:00Z", item(y.sku(), 1, "40.00"));
		setStatus(jan, 1, "approved");
		setStatus(feb, 1, "paid");
		setStatus(mar, 2, "declined");
		// A refund after payment: a negative clawback, marked as such in the list.
		this.f.post("/api/v1/orders/" + feb + "/refunds", "{\"refundId\": \"r1\"}").andExpect(status().isCreated());

		String byPartner = page("/admin/commissions?partner=" + child.code().toUpperCase());
		assertThat(byPartner).contains(jan, feb, mar).doesNotContain(soloOrder).contains(">clawback<", "-8.00 USD");
		assertThat(cards(byPartner)).isEqualTo(expected("lower(p.code) = lower(:code)", Map.of("code", child.code())));

		String byProgram = page("/admin/commissions?program=" + twoTier.id());
		assertThat(byProgram).contains(jan, feb, mar, parent.code()).doesNotContain(soloOrder);
		assertThat(cards(byProgram)).isEqualTo(expected("p.program_id = :program", Map.of("program", twoTier.id())));
		assertThat(cards(byProgram).get("pending").count()).isEqualTo(2); // jan tier 2,
																			// mar tier 1
		String bySku = page("/admin/commissions?program=" + twoTier.id() + "&sku=" + y.sku().toLowerCase());
		assertThat(bySku).contains(feb).doesNotContain(jan, mar);
		String byStatus = page("/admin/commissions?program=" + twoTier.id() + "&status=APPROVED");
		assertThat(byStatus).contains(jan, feb).doesNotContain(mar); // jan tier 1, feb's
																		// clawback
		assertThat(cards(byStatus).get("approved").count()).isEqualTo(2);
		assertThat(cards(byStatus).get("pending").count()).isZero();
		// Dates are UTC days, "to" inclusive.
		String byDates = page("/admin/commissions?from=2026-02-01&to=2026-02-20&partner=" + solo.code());
		assertThat(byDates).contains(soloOrder);
		String february = page("/admin/commissions?program=" + twoTier.id() + "&from=2026-02-01&to=2026-02-28");
		assertThat(february).contains(feb).doesNotContain(jan, mar);
		assertThat(cards(february)).isEqualTo(expected(
				"p.program_id = :program and c.transaction_date >= '2026-02-01T00:00:00Z' and c.transaction_date < '2026-03-01T00:00:00Z'",
				Map.of("program", twoTier.id())));

		String byAmount = page("/admin/commissions?partner=" + child.code() + "&sort=amount,desc");
		assertThat(byAmount.indexOf(mar)).isLessThan(byAmount.indexOf(jan)); // 30.00
																				// before
																				// 10.00
		String byAmountAsc = page("/admin/commissions?partner=" + child.code() + "&sort=amount,asc");
		assertThat(byAmountAsc.indexOf(feb)).isLessThan(byAmountAsc.indexOf(jan)); // the
																					// clawback
																					// first
		String byPartnerCode = page("/admin/commissions?program=" + twoTier.id() + "&sort=partner,asc");
		String first = parent.code().compareTo(child.code()) < 0 ? parent.code() : child.code();
		String second = first.equals(parent.code()) ? child.code() : parent.code();
		assertThat(byPartnerCode.indexOf(">" + first + "<")).isLessThan(byPartnerCode.indexOf(">" + second + "<"));
		page("/admin/commissions?sort=status,desc&program=" + twoTier.id());
	}

	@Test
	void csvHasEveryMatchingRowNotJustOnePage() throws Exception {
		ProductSummary product = this.f.product("10.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String paid = place(partner.code(), "2026-05-01T10:00:00Z", item(product.sku(), 1, "10.00"));
		for (int i = 2; i <= 12; i++) {
			place(partner.code(), "2026-05-%02dT10:00:00Z".formatted(i), item(product.sku(), i, "10.00"));
		}
		setStatus(paid, 1, "paid");
		this.f.post("/api/v1/orders/" + paid + "/refunds", "{\"refundId\": \"r1\"}").andExpect(status().isCreated());

		String first = page("/admin/commissions?partner=" + partner.code() + "&size=5");
		assertThat(first).contains("Showing 1–5 of 13");
		assertThat(page("/admin/commissions?partner=" + partner.code() + "&size=5&page=2"))
			.contains("Showing 11–13 of 13");
		assertThat(first).contains("/admin/commissions.csv?partner=" + partner.code());

		String csv = this.mvc.perform(get("/admin/commissions.csv?size=5&page=1&partner=" + partner.code()).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(14);
		assertThat(lines.get(0)).isEqualTo("id,transaction_date,partner_code,program,order_id,contact_email,sku,tier,"
				+ "amount,currency,status,clawback_of,reason,approved_at,paid_at,kind");
		assertThat(lines).anySatisfy(line -> assertThat(line).contains(paid, ",-1.00,USD,approved,"));
		assertThat(lines).anySatisfy(line -> assertThat(line).contains(paid, ",1.00,USD,paid,"));
		assertThat(lines.stream().filter(line -> line.contains(",12.00,USD,pending,")).count()).isEqualTo(1);
		assertThat(lines.get(1)).contains(program.name());
	}

	@Test
	void badFiltersShowAMessageNotAnError() throws Exception {
		this.mvc.perform(get(
				"/admin/commissions?status=bogus&from=2026-13-45&to=yesterday&program=abc&page=-3&size=zz&sort=id;x")
			.with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Status filter ignored")))
			.andExpect(content().string(containsString("2026-13-45")))
			.andExpect(content().string(containsString("yesterday")))
			.andExpect(content().string(containsString("Unknown program")));
		this.mvc.perform(get("/admin/commissions.csv?status=bogus&from=x").with(ADMIN)).andExpect(status().isOk());
	}

}
