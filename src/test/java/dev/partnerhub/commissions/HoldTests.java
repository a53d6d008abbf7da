package dev.partnerhub.commissions;

import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.commissions.domain.HoldRules;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Fraud hold (issue 19): each rule puts a new commission on {@code held}; held ones are
 * never approved by the approve actions; an admin releases or declines them with a note.
 */
@IntegrationTest
class HoldTests {

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
	HoldRules rules;

	@Autowired
	AccountApi accounts;

	@Autowired
	TransactionTemplate tx;

	OrderFixtures f;

	ProgramSummary program;

	ProductSummary product;

	PartnerSummary partner;

	String payoutEmail;

	HoldRules.Settings before;

	@BeforeEach
	void fixtures() {
		this.before = this.rules.current();
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		this.program = this.f.program(1, Rate.percent("10"), null);
		this.product = this.f.product("100.00");
		String code = unique("hp");
		this.payoutEmail = code + "@paypal.example.com";
		long contactId = this.contacts.create(code + "@partners.example.com", "Hal", "Held").id();
		this.partner = this.partners.enroll(new Enrollment(contactId, this.program.id(), code, PartnerStatus.APPROVED,
				null, this.payoutEmail, null));
	}

	@AfterEach
	void restoreRules() {
		// the database is shared: leave the rules as they were
		this.rules.save(this.before, "test");
	}

	private MvcResult order(String email, String referral, String ip) throws Exception {
		return this.f.postOrder("""
				{"orderId": "%s", "email": "%s", "referral": "%s", "currency": "USD", %s "items": [%s]}
				""".formatted(unique("h-"), email, referral, ip == null ? "" : "\"ip\": \"" + ip + "\",",
				item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isCreated())
			.andReturn();
	}

	private Map<String, Object> commission(long id) {
		return this.jdbc.sql("select status, hold_reason, buyer_ip from commission where id = :id")
			.param("id", id)
			.query()
			.singleRow();
	}

	@Test
	void aBuyerWithThePartnersPayoutEmailIsHeldAndTheApproveActionsSkipIt() throws Exception {
		this.rules.save(new HoldRules.Settings(true, 0, 0), "test");
		MvcResult placed = order(this.payoutEmail.toUpperCase(), this.partner.code(), null);
		assertThat((String) read(placed, "$.commissions[0].status")).isEqualTo("held");
		long id = ((Number) read(placed, "$.commissions[0].id")).longValue();
		assertThat(commission(id).get("hold_reason")).isEqualTo("buyer e-mail matches the partner's payout e-mail");
		// the API filter
		this.f.get("/api/v1/commissions?status=held&partner=" + this.partner.code())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].status").value("held"));
		// approve and decline never touch a held commission
		this.f.post("/api/v1/commissions/approve", "{\"ids\": [" + id + "]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed").value(0))
			.andExpect(jsonPath("$.skipped[0].reason").value("held for review"));
		this.f.post("/api/v1/commissions/decline", "{\"ids\": [" + id + "], \"reason\": \"x\"}")
			.andExpect(jsonPath("$.changed").value(0));
		assertThat(commission(id).get("status")).isEqualTo("held");
		// another buyer: pending as usual
		MvcResult other = order(unique("b") + "@customers.example.com", this.partner.code(), null);
		assertThat((String) read(other, "$.commissions[0].status")).isEqualTo("pending");
		// the rule off: not held
		this.rules.save(new HoldRules.Settings(false, 0, 0), "test");
		MvcResult off = order(this.payoutEmail, this.partner.code(), null);
		assertThat((String) read(off, "$.commissions[0].status")).isEqualTo("pending");
	}

	@Test
	void anOrderFromAnAddressThePartnerSignedInFromIsHeld() throws Exception {
		this.rules.save(new HoldRules.Settings(true, 0, 0), "test");
		String login = this.partner.code() + "@partners.example.com";
		this.tx.executeWithoutResult(
				s -> this.accounts.createPartnerLogin(this.partner.contactId(), login, "a-long-password-1"));
		String home = "198.51.100." + (int) (Math.random() * 200 + 1);
		this.mvc.perform(post("/login").param("username", login)
			.param("password", "a-long-password-1")
			.with(csrf())
			.with(request -> {
				request.setRemoteAddr(home);
				return request;
			})).andExpect(status().is3xxRedirection());

		MvcResult own = order(unique("c") + "@customers.example.com", this.partner.code(), home);
		long id = ((Number) read(own, "$.commissions[0].id")).longValue();
		assertThat(commission(id)).containsEntry("status", "held")
			.containsEntry("hold_reason", "buyer IP " + home + " is one the partner signed in from");
		// any other address: pending as usual
		MvcResult other = order(unique("c") + "@customers.example.com", this.partner.code(), "203.0.113.250");
		assertThat((String) read(other, "$.commissions[0].status")).isEqualTo("pending");
		// the rule off: not held
		this.rules.save(new HoldRules.Settings(false, 0, 0), "test");
		MvcResult off = order(unique("c") + "@customers.example.com", this.partner.code(), home);
		assertThat((String) read(off, "$.commissions[0].status")).isEqualTo("pending");
	}

	@Test
	void moreThanNOrdersFromOneIpForOnePartnerInADayAreHeld() throws Exception {
		this.rules.save(new HoldRules.Settings(true, 2, 0), "test");
		String ip = "203.0.113." + (int) (Math.random() * 200 + 1);
		for (int i = 0; i < 2; i++) {
			MvcResult ok = order(unique("ip") + "@customers.example.com", this.partner.code(), ip);
			assertThat((String) read(ok, "$.commissions[0].status")).isEqualTo("pending");
		}
		MvcResult third = order(unique("ip") + "@customers.example.com", this.partner.code(), ip);
		long id = ((Number) read(third, "$.commissions[0].id")).longValue();
		assertThat(commission(id)).containsEntry("status", "held").containsEntry("buyer_ip", ip);
		assertThat((String) commission(id).get("hold_reason")).contains("order 3 from IP " + ip);
		// another IP is fine
		MvcResult other = order(unique("ip") + "@customers.example.com", this.partner.code(), "2001:db8::1");
		assertThat((String) read(other, "$.commissions[0].status")).isEqualTo("pending");
		// a bad ip is a clear 400
		this.f.postOrder("""
				{"orderId": "%s", "email": "x@customers.example.com", "currency": "USD", "ip": "not-an-ip",
				 "items": [%s]}
				""".formatted(unique("h-"), item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("ip")));
	}

	@Test
	void anOrderSecondsAfterItsClickIsHeld() throws Exception {
		this.rules.save(new HoldRules.Settings(true, 0, 60), "test");
		String token = click();
		MvcResult fast = order(unique("fast") + "@customers.example.com", token, null);
		long id = ((Number) read(fast, "$.commissions[0].id")).longValue();
		assertThat(commission(id).get("status")).isEqualTo("held");
		assertThat((String) commission(id).get("hold_reason")).contains("after the click (less than 60 s)");
		// the rule off: the same kind of order is pending
		this.rules.save(new HoldRules.Settings(true, 0, 0), "test");
		MvcResult slow = order(unique("slow") + "@customers.example.com", click(), null);
		assertThat((String) read(slow, "$.commissions[0].status")).isEqualTo("pending");
	}

	/** A real click through /r/ (a signed token), once it is stored. */
	private String click() throws Exception {
		String location = this.mvc.perform(get("/r/" + this.partner.code()))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		String token = org.springframework.web.util.UriComponentsBuilder.fromUriString(location)
			.build()
			.getQueryParams()
			.getFirst("ref");
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("select count(*) from click where token = :t")
				.param("t", token)
				.query(Long.class)
				.single() == 1);
		return token;
	}

	@Test
	void theConsoleListsHeldCommissionsAndReleasesOrDeclinesThemWithANote() throws Exception {
		this.rules.save(new HoldRules.Settings(true, 0, 0), "test");
		long first = ((Number) read(order(this.payoutEmail, this.partner.code(), null), "$.commissions[0].id"))
			.longValue();
		long second = ((Number) read(order(this.payoutEmail, this.partner.code(), null), "$.commissions[0].id"))
			.longValue();
		this.mvc.perform(get("/admin/commissions/held").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("release-" + first)))
			.andExpect(content().string(containsString("buyer e-mail matches the partner&#39;s payout e-mail")));
		// a note is required
		this.mvc.perform(post("/admin/commissions/" + first + "/release").with(ADMIN).with(csrf()).param("note", " "))
			.andExpect(flash().attribute("error", containsString("note is required")));
		assertThat(commission(first).get("status")).isEqualTo("held");
		this.mvc
			.perform(post("/admin/commissions/" + first + "/release").with(ADMIN)
				.with(csrf())
				.param("note", "Known reseller, checked by phone"))
			.andExpect(flash().attribute("message", containsString("released")));
		assertThat(commission(first).get("status")).isEqualTo("pending");
		// released once: a second release is refused, not repeated
		this.mvc
			.perform(post("/admin/commissions/" + first + "/release").with(ADMIN).with(csrf()).param("note", "again"))
			.andExpect(flash().attribute("error", containsString("not held")));
		this.mvc
			.perform(post("/admin/commissions/" + second + "/decline-held").with(ADMIN)
				.with(csrf())
				.param("note", "Self-purchase"))
			.andExpect(flash().attribute("message", containsString("declined")));
		assertThat(commission(second).get("status")).isEqualTo("declined");
		assertThat(this.jdbc.sql("""
				select actor || ' ' || action || ' ' || detail from audit_entry
				where subject_type = 'commission' and subject_id = :id and action = 'commission.release'
				""").param("id", String.valueOf(first)).query(String.class).single())
			.startsWith("admin@test.local commission.release Known reseller");
		// a partner may not
		this.mvc
			.perform(post("/admin/commissions/" + second + "/release").with(user("p@test.local").roles("PARTNER"))
				.with(csrf())
				.param("note", "x"))
			.andExpect(status().isForbidden());
	}

	@Test
	void theSettingsPageSavesTheRules() throws Exception {
		this.mvc.perform(get("/admin/settings/fraud-hold").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Fraud hold rules")));
		this.mvc
			.perform(post("/admin/settings/fraud-hold").with(ADMIN)
				.with(csrf())
				.param("matchPartner", "true")
				.param("maxOrdersPerIpPerDay", "7")
				.param("minSecondsAfterClick", "30"))
			.andExpect(flash().attribute("message", "Hold rules saved."));
		assertThat(this.rules.current()).isEqualTo(new HoldRules.Settings(true, 7, 30));
		this.mvc
			.perform(post("/admin/settings/fraud-hold").with(ADMIN)
				.with(csrf())
				.param("maxOrdersPerIpPerDay", "-1")
				.param("minSecondsAfterClick", "30"))
			.andExpect(flash().attribute("error", containsString("whole number")));
		assertThat(this.rules.current()).isEqualTo(new HoldRules.Settings(true, 7, 30));
	}

}
