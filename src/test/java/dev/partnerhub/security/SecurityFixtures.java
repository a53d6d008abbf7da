package dev.partnerhub.security;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two partners A and B in two programs, each with a referred contact, an order, an
 * approved commission and a payout; B's data carries unique markers (e-mails, names,
 * code, the amount 777.13) that must never show up in a response to anybody but B (and
 * the admin). Built through the public API, like a real integration would.
 */
final class SecurityFixtures {

	static final String PASSWORD = "matrix-password-1";

	/**
	 * One made-up client address per fixture: public forms are rate limited per address,
	 * other tests must not notice.
	 */
	final String address = "10.%d.%d.%d".formatted(ThreadLocalRandom.current().nextInt(100, 250),
			ThreadLocalRandom.current().nextInt(1, 250), ThreadLocalRandom.current().nextInt(1, 250));

	final PartnerData a;

	final PartnerData b;

	private final MockMvc mvc;

	SecurityFixtures(MockMvc mvc, JdbcClient jdbc) throws Exception {
		this.mvc = mvc;
		this.a = create(jdbc, "a", "1234.50");
		this.b = create(jdbc, "b", "7771.30");
	}

	static String suffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	RequestPostProcessor fromAddress() {
		return request -> {
			request.setRemoteAddr(this.address);
			return request;
		};
	}

	MockHttpSession login(String email, String password) throws Exception {
		MvcResult result = this.mvc.perform(formLogin("/login").user(email).password(password))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		org.assertj.core.api.Assertions.assertThat(result.getResponse().getRedirectedUrl())
			.as("login of " + email)
			.doesNotContain("error");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private PartnerData create(JdbcClient jdbc, String letter, String price) throws Exception {
		String s = suffix();
		String program = "Matrix " + letter.toUpperCase() + " " + s;
		api("/api/v1/programs", """
				{"name": "%s", "tiers": 1, "currency": "USD", "landingUrl": "https://shop-%s.example.com/land",
				 "firstTierRate": {"type": "percent", "value": "10"}, "cookieDays": 30, "approvalDelayDays": null,
				 "minimumPayout": "0.00"}""".formatted(program, letter));
		String sku = "MX" + letter.toUpperCase() + "-" + s;
		api("/api/v1/products", """
				{"sku": "%s", "name": "Matrix product %s", "price": "%s", "currency": "USD"}""".formatted(sku, s,
				price));
		String code = "mx" + letter + s;
		String email = "mx-" + letter + "-" + s + "@" + letter + "-partners.example.com";
		String lastName = "Zq" + letter + "lastname" + s;
		String payoutEmail = "pay-" + letter + "-" + s + "@" + letter + "-paypal.example.com";
		api("/api/v1/partners", """
				{"email": "%s", "firstName": "Mx%sfirst%s", "lastName": "%s", "program": "%s", "code": "%s",
				 "payoutEmail": "%s", "password": "%s"}""".formatted(email, letter, s, lastName, program, code,
				payoutEmail, PASSWORD));
		String buyer = "buyer-" + letter + "-" + s + "@" + letter + "-customers.example.com";
		String buyerFirst = "Bu" + letter + "yer" + s;
		String orderId = "mxo-" + letter + "-" + s;
		String order = api("/api/v1/orders", """
				{"orderId": "%s", "email": "%s", "firstName": "%s", "lastName": "Buyer", "referral": "%s",
				 "currency": "USD", "items": [{"sku": "%s", "quantity": 1, "unitPrice": "%s"}]}""".formatted(orderId,
				buyer, buyerFirst, code, sku, price));
		long contactId = ((Number) JsonPath.read(order, "$.contactId")).longValue();
		List<Number> commissions = JsonPath.read(order, "$.commissions[*].id");
		long commissionId = commissions.get(0).longValue();
		String amount = JsonPath.read(order, "$.commissions[0].amount");
		api("/api/v1/commissions/approve", "{\"ids\": [" + commissionId + "]}");
		String payout = api("/api/v1/payouts", "{\"program\": \"" + program + "\"}");
		long payoutId = ((Number) JsonPath.read(payout, "$.id")).longValue();
		long payoutItemId = jdbc.sql("select id from payout_item where batch_id = ?")
			.param(payoutId)
			.query(Long.class)
			.single();
		long partnerId = jdbc.sql("select id from partner where code = ?").param(code).query(Long.class).single();
		long programId = jdbc.sql("select id from program where name = ?").param(program).query(Long.class).single();
		long partnerContactId = jdbc.sql("select contact_id from partner where code = ?")
			.param(code)
			.query(Long.class)
			.single();
		return new PartnerData(program, programId, sku, code, email, lastName, payoutEmail, buyer, buyerFirst, orderId,
				contactId, partnerContactId, commissionId, amount, payoutId, payoutItemId, partnerId);
	}

	String api(String path, String json) throws Exception {
		return this.mvc
			.perform(post(path).header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().is2xxSuccessful())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	record PartnerData(String program, long programId, String sku, String code, String email, String lastName,
			String payoutEmail, String buyer, String buyerFirstName, String orderId, long referredContactId,
			long contactId, long commissionId, String amount, long payoutId, long payoutItemId, long partnerId) {

		/** Strings only this partner's data contains. */
		List<String> markers() {
			return List.of(this.email, this.lastName, this.payoutEmail, this.buyer, this.buyerFirstName, this.code,
					this.orderId, this.amount);
		}

	}

}
