package dev.partnerhub.security;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.partners.PayoutEmail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 14, item 12: the PayPal file used to turn the valid payout e-mail {@code =1@x.io}
 * into {@code '=1@x.io} (its formula guard), i.e. a payment to another address. A payout
 * e-mail that starts with {@code = + - @} is now refused with a clear message at every
 * input, the database keeps the rule, and the PayPal file carries the address exactly
 * (or, for a batch made before the rule, is refused with a 409 instead of paying a
 * changed address).
 */
@IntegrationTest
class PayoutEmailTests {

	private static final String[] FORMULAS = { "=1@x.io", "+1@x.io", "-1@x.io", "@1@x.io", " =1@x.io" };

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private String s;

	private String program;

	private long programId;

	@BeforeEach
	void program() throws Exception {
		this.s = SecurityFixtures.suffix();
		this.program = "Payout mail " + this.s;
		api("/api/v1/programs", """
				{"name": "%s", "tiers": 1, "currency": "USD", "landingUrl": "https://shop.example.com/land",
				 "firstTierRate": {"type": "percent", "value": "10"}, "cookieDays": 30, "approvalDelayDays": null,
				 "minimumPayout": "0.00"}""".formatted(this.program)).andExpect(status().isCreated());
		this.programId = this.jdbc.sql("select id from program where name = ?")
			.param(this.program)
			.query(Long.class)
			.single();
	}

	@Test
	void theApiRefusesAFormulaPayoutEmailWithAClearMessage() throws Exception {
		for (String formula : FORMULAS) {
			String email = "api-" + SecurityFixtures.suffix() + "@partners.example.com";
			api("/api/v1/partners",
					"""
							{"email": "%s", "firstName": "Al", "lastName": "Api", "program": "%s", "payoutEmail": "%s"}"""
						.formatted(email, this.program, formula))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(content().string(containsString("may not start with =, +, - or @")));
			assertThat(count("select count(*) from contact where email = ?", email)).as(formula).isZero();
		}
		// An address with these characters elsewhere is fine, and kept exactly.
		String fine = "a=b+c-d@x-" + this.s + ".io";
		api("/api/v1/partners", """
				{"email": "fine-%s@partners.example.com", "firstName": "Al", "lastName": "Api", "program": "%s",
				 "payoutEmail": "%s"}""".formatted(this.s, this.program, fine)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.payoutEmail").value(fine));
	}

	@Test
	void theConsolesNewAndEditFormsRefuseAFormulaPayoutEmail() throws Exception {
		String code = "pmc" + this.s;
		this.mvc
			.perform(post("/admin/partners/new").with(admin())
				.with(csrf())
				.param("email", code + "@partners.example.com")
				.param("firstName", "Con")
				.param("lastName", "Sole")
				.param("programId", String.valueOf(this.programId))
				.param("code", code)
				.param("status", "approved")
				.param("payoutEmail", "=1@x.io"))
			.andExpect(model().attributeHasFieldErrors("partnerForm", "payoutEmail"))
			.andExpect(content().string(containsString("may not start with =, +, - or @")));
		assertThat(count("select count(*) from partner where code = ?", code)).isZero();

		api("/api/v1/partners", """
				{"email": "%s@partners.example.com", "firstName": "Con", "lastName": "Sole", "program": "%s",
				 "code": "%s", "payoutEmail": "ok-%s@x.io"}""".formatted(code, this.program, code, this.s))
			.andExpect(status().isCreated());
		long id = this.jdbc.sql("select id from partner where code = ?").param(code).query(Long.class).single();
		this.mvc
			.perform(post("/admin/partners/" + id + "/edit").with(admin())
				.with(csrf())
				.param("code", code)
				.param("status", "approved")
				.param("parentCode", "")
				.param("payoutEmail", "+1@x.io")
				.param("programId", String.valueOf(this.programId)))
			.andExpect(content().string(containsString("may not start with =, +, - or @")));
		assertThat(payoutEmailOf(code)).isEqualTo("ok-" + this.s + "@x.io");
	}

	@Test
	void thePartnersOwnSettingsRefuseAFormulaPayoutEmail() throws Exception {
		String code = "pms" + this.s;
		String email = code + "@partners.example.com";
		api("/api/v1/partners", """
				{"email": "%s", "firstName": "Pat", "lastName": "Ner", "program": "%s", "code": "%s",
				 "payoutEmail": "ok-%s@x.io"}""".formatted(email, this.program, code, this.s))
			.andExpect(status().isCreated());
		this.mvc
			.perform(post("/partner/settings").with(user(email).roles("PARTNER"))
				.with(csrf())
				.param("payoutEmail", "-1@x.io")
				.param("firstName", "Pat")
				.param("lastName", "Ner"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("profileForm", "payoutEmail"))
			.andExpect(content().string(containsString("may not start with =, +, - or @")));
		assertThat(payoutEmailOf(code)).isEqualTo("ok-" + this.s + "@x.io");
	}

	@Test
	void thePublicSignupFormRefusesAFormulaPayoutEmail() throws Exception {
		String email = "su-" + this.s + "@signup.example.com";
		ThreadLocalRandom r = ThreadLocalRandom.current();
		String address = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
		this.mvc.perform(post("/partners/signup/{p}", this.program).with(csrf()).with(request -> {
			request.setRemoteAddr(address);
			return request;
		})
			.param("firstName", "Sina")
			.param("lastName", "Up")
			.param("email", email)
			.param("password", "long-password-1")
			.param("confirmPassword", "long-password-1")
			.param("payoutEmail", "@1@x.io")
			.param("terms", "true"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("signupForm", "payoutEmail"))
			.andExpect(content().string(containsString("may not start with =, +, - or @")));
		assertThat(count("select count(*) from contact where lower(email) = lower(?)", email)).isZero();
	}

	@Test
	void theCsvImportMakesAFormulaPayoutEmailARowError() throws Exception {
		String csv = "email,first_name,last_name,program,code,status,payout_email,parent_code\n" + "imp-" + this.s
				+ "@example.com,Im,Port," + this.program + ",imp" + this.s + ",,=1@x.io,\n";
		String location = this.mvc
			.perform(multipart("/admin/import")
				.file(new MockMultipartFile("file", "partners.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("kind", "partners")
				.with(admin())
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/admin/import/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(location).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1 with errors")))
			.andExpect(content().string(containsString("may not start with =, +, - or @")));
	}

	@Test
	void thePayPalFileCarriesPayoutEmailsExactlyAndRefusesOneItCannot() throws Exception {
		String code = "pmp" + this.s;
		String payout = "o'neil+pay=" + this.s + "@x.io";
		long batch = paidPartnerBatch(code, payout);
		String file = this.mvc
			.perform(get("/api/v1/payouts/" + batch + "/paypal.csv").header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(file).startsWith(payout + ",10.00,USD,ph-" + batch + "-");

		// The database refuses such an address now; an item of a batch made before the
		// rule may still carry one.
		assertThatThrownBy(
				() -> this.jdbc.sql("update partner set payout_email = '=1@x.io' where code = ?").param(code).update())
			.isInstanceOf(DataIntegrityViolationException.class);
		this.jdbc.sql("update payout_item set payout_email = '=1@x.io' where batch_id = ?").param(batch).update();
		this.mvc
			.perform(get("/api/v1/payouts/" + batch + "/paypal.csv").header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("(partner " + code + ") has a payout e-mail that starts with")));
		this.mvc.perform(get("/admin/payouts/" + batch + "/paypal.csv").with(admin()))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("cannot be exported exactly")));
	}

	@Test
	void theRuleItself() {
		for (String formula : FORMULAS) {
			assertThat(PayoutEmail.Check.refused(formula)).as(formula).isTrue();
		}
		for (String fine : new String[] { null, "", " ", "a=1@x.io", "1+1@x.io", "x-@x.io" }) {
			assertThat(PayoutEmail.Check.refused(fine)).as(String.valueOf(fine)).isFalse();
		}
	}

	/**
	 * A partner with one approved commission of 10.00 in a payout batch; returns the
	 * batch id.
	 */
	private long paidPartnerBatch(String code, String payoutEmail) throws Exception {
		String sku = "PM-" + this.s;
		api("/api/v1/products", """
				{"sku": "%s", "name": "Payout mail product", "price": "100.00", "currency": "USD"}""".formatted(sku))
			.andExpect(status().isCreated());
		api("/api/v1/partners", """
				{"email": "%s@partners.example.com", "firstName": "Pay", "lastName": "Pal", "program": "%s",
				 "code": "%s", "payoutEmail": "%s"}""".formatted(code, this.program, code, payoutEmail))
			.andExpect(status().isCreated());
		String order = api("/api/v1/orders",
				"""
						{"orderId": "pm-%s", "email": "buyer-%s@customers.example.com", "referral": "%s", "currency": "USD",
						 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "100.00"}]}"""
					.formatted(this.s, this.s, code, sku))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long commission = ((Number) JsonPath.read(order, "$.commissions[0].id")).longValue();
		api("/api/v1/commissions/approve", "{\"ids\": [" + commission + "]}").andExpect(status().isOk());
		String created = api("/api/v1/payouts", "{\"program\": \"" + this.program + "\"}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return ((Number) JsonPath.read(created, "$.id")).longValue();
	}

	private ResultActions api(String path, String json) throws Exception {
		return this.mvc.perform(post(path).header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	private String payoutEmailOf(String code) {
		return this.jdbc.sql("select payout_email from partner where code = ?")
			.param(code)
			.query(String.class)
			.single();
	}

	private long count(String sql, String value) {
		return this.jdbc.sql(sql).param(value).query(Long.class).single();
	}

	private static RequestPostProcessor admin() {
		return user("admin@test.local").roles("ADMIN");
	}

}
