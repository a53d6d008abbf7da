package dev.partnerhub.partnercenter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Partners with a login in a 10 % two-tier program (minimum payout 0) selling a 100.00
 * product: every sale earns 10.00. Sales go through the order API; clicks, approval and
 * payment dates are set with SQL where the test needs a fixed date. Every name is unique:
 * all integration tests share one database.
 */
final class PartnerCenterFixtures {

	static final String PASSWORD = "partner-password-1";

	final ProgramService programs;

	final PartnerService partners;

	final ContactService contacts;

	final MockMvc mvc;

	final JdbcClient jdbc;

	final ProgramSummary program;

	final ProductSummary product;

	final ProductSummary other;

	final dev.partnerhub.tracking.domain.ClickRecorder recorder;

	PartnerCenterFixtures(ProgramService programs, PartnerService partners, ContactService contacts, MockMvc mvc,
			JdbcClient jdbc, dev.partnerhub.tracking.domain.ClickRecorder recorder) {
		this.recorder = recorder;
		this.programs = programs;
		this.partners = partners;
		this.contacts = contacts;
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.program = programs
			.createProgram(new ProgramDefinition(unique("PC Program "), "https://shop.example.com", 2, "USD",
					Rate.percent("10"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		this.product = programs.createProduct(unique("PC-"), unique("Course "), new BigDecimal("100.00"), "USD");
		this.other = programs.createProduct(unique("PC-"), unique("Ebook "), new BigDecimal("100.00"), "USD");
	}

	static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	static Instant daysAgo(int days) {
		return today().minusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
	}

	/** An approved partner with a login ({@link #PASSWORD}) and a payout e-mail. */
	Partner partner(String firstName) {
		return partner(firstName, PartnerStatus.APPROVED, null);
	}

	Partner partner(String firstName, PartnerStatus status, PartnerSummary parent) {
		String code = unique("pc");
		String email = code + "@partners.example.com";
		long contactId = this.contacts.create(email, firstName, "Partner").id();
		PartnerSummary summary = this.partners.enroll(new Enrollment(contactId, this.program.id(), code, status,
				parent == null ? null : parent.id(), code + "@paypal.example.com", PASSWORD));
		return new Partner(summary, email);
	}

	/**
	 * A sale of {@code product} (100.00, 10.00 commission) referred by the partner's
	 * code, dated.
	 */
	Sale sale(Partner partner, ProductSummary product, String buyerFirstName, Instant at, boolean recurring)
			throws Exception {
		String orderId = unique("pco-");
		String buyer = unique(buyerFirstName.toLowerCase()) + "@customers.example.com";
		MvcResult result = this.mvc
			.perform(post("/api/v1/orders").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"orderId": "%s", "email": "%s", "firstName": "%s", "lastName": "Buyer", "referral": "%s",
						 "occurredAt": "%s", "currency": "USD", "recurring": %s,
						 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "100.00"}]}
						""".formatted(orderId, buyer, buyerFirstName, partner.code(), at, recurring, product.sku())))
			.andExpect(status().isCreated())
			.andReturn();
		String body = result.getResponse().getContentAsString();
		long contactId = ((Number) JsonPath.read(body, "$.contactId")).longValue();
		List<Number> ids = JsonPath.read(body, "$.commissions[?(@.tier == 1)].id");
		return new Sale(orderId, contactId, ids.get(0).longValue(), buyer);
	}

	Sale sale(Partner partner, String buyerFirstName, Instant at) throws Exception {
		return sale(partner, this.product, buyerFirstName, at, false);
	}

	/**
	 * A sale by a new buyer who arrived with a click token (the referral a tracked link
	 * appends).
	 */
	Sale saleWithReferral(String referral, String buyerFirstName, Instant at) throws Exception {
		String orderId = unique("pco-");
		String buyer = unique(buyerFirstName.toLowerCase()) + "@customers.example.com";
		MvcResult result = this.mvc
			.perform(post("/api/v1/orders").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"orderId": "%s", "email": "%s", "firstName": "%s", "lastName": "Buyer", "referral": "%s",
						 "occurredAt": "%s", "currency": "USD",
						 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "100.00"}]}
						""".formatted(orderId, buyer, buyerFirstName, referral, at, this.product.sku())))
			.andExpect(status().isCreated())
			.andReturn();
		String body = result.getResponse().getContentAsString();
		List<Number> ids = JsonPath.read(body, "$.commissions[?(@.tier == 1)].id");
		return new Sale(orderId, ((Number) JsonPath.read(body, "$.contactId")).longValue(), ids.get(0).longValue(),
				buyer);
	}

	/** Writes queued clicks now (the recorder batches them in the background). */
	void flushClicks() {
		this.recorder.flush();
	}

	void click(Partner partner, Instant at, boolean bot, Long toolId, String sub) {
		this.jdbc.sql("""
				insert into click (token, partner_id, program_id, promo_tool_id, sub_id, clicked_at, duplicate, bot,
				                   landing_url)
				values (:token, :partner, :program, :tool, :sub, :at, false, :bot, 'https://shop.example.com')
				""")
			.param("token", unique("tok-"))
			.param("partner", partner.id())
			.param("program", this.program.id())
			.param("tool", toolId)
			.param("sub", sub)
			.param("at", java.sql.Timestamp.from(at))
			.param("bot", bot)
			.update();
	}

	void setStatus(long commissionId, String status, Instant paidAt) {
		this.jdbc.sql("""
				update commission set status = :status,
				       approved_at = case when :status in ('approved', 'paid') then now() end,
				       paid_at = :paid
				where id = :id
				""")
			.param("status", status)
			.param("paid", paidAt == null ? null : java.sql.Timestamp.from(paidAt))
			.param("id", commissionId)
			.update();
	}

	long tool(String kind, String name, String emailBody) {
		return this.jdbc.sql("""
				insert into promo_tool (program_id, kind, name, landing_url, email_subject, email_body, lightbox_html)
				values (:program, :kind, :name, 'https://shop.example.com/spring', :subject, :body, :lightbox)
				returning id
				""")
			.param("program", this.program.id())
			.param("kind", kind)
			.param("name", name)
			.param("subject", "email".equals(kind) ? "Have a look" : null)
			.param("body", "email".equals(kind) ? emailBody : null)
			.param("lightbox", "lightbox".equals(kind) ? "<div>{{referralLink}}</div>" : null)
			.query(Long.class)
			.single();
	}

	/**
	 * Approves his pending commissions, makes a payout batch of the program and marks it
	 * paid; the item id.
	 */
	long pay(Partner partner) throws Exception {
		this.jdbc.sql(
				"update commission set status = 'approved', approved_at = now() where partner_id = :p and status = 'pending'")
			.param("p", partner.id())
			.update();
		MvcResult created = this.mvc
			.perform(post("/api/v1/payouts").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + this.program.name() + "\"}"))
			.andExpect(status().isCreated())
			.andReturn();
		long batch = ((Number) JsonPath.read(created.getResponse().getContentAsString(), "$.id")).longValue();
		this.mvc.perform(post("/api/v1/payouts/" + batch + "/paid").header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk());
		return this.jdbc.sql("select id from payout_item where batch_id = :b and partner_id = :p")
			.param("b", batch)
			.param("p", partner.id())
			.query(Long.class)
			.single();
	}

	record Partner(PartnerSummary summary, String email) {

		long id() {
			return this.summary.id();
		}

		String code() {
			return this.summary.code();
		}

	}

	record Sale(String orderId, long contactId, long commissionId, String buyerEmail) {
	}

}
