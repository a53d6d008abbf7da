package dev.partnerhub.partners;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.domain.CouponService;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Partner coupons through the API, the console's partner page and the partner center's
 * promo tools.
 */
@IntegrationTest
class PartnerCouponTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	PartnerService partners;

	@Autowired
	CouponService coupons;

	@Autowired
	ContactApi contacts;

	@Autowired
	ProgramService programService;

	@Autowired
	JdbcClient jdbc;

	Fixtures fixtures;

	ProgramSummary program;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.programService, this.contacts, this.partners);
		this.program = this.fixtures.program("Coupons");
	}

	PartnerSummary partner() {
		return this.fixtures.partner(this.program, "cp-" + Fixtures.unique());
	}

	static String code() {
		return "SAVE-" + Fixtures.unique().toUpperCase();
	}

	ResultActions api(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		return this.mvc.perform(request.header("Authorization", IntegrationTest.BEARER));
	}

	ResultActions create(PartnerSummary partner, String code) throws Exception {
		return api(post("/api/v1/partners/{code}/coupons", partner.code()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\": \"" + code + "\"}"));
	}

	@Test
	void theApiCreatesListsAndDisablesCoupons() throws Exception {
		PartnerSummary jane = partner();
		String code = code();
		create(jane, code).andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/partners/" + jane.code() + "/coupons/" + code))
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.partnerCode").value(jane.code()))
			.andExpect(jsonPath("$.status").value("active"));
		String second = code();
		api(post("/api/v1/partners/{code}/coupons", jane.code()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\": \"" + second + "\", \"stripePromotionCodeId\": \"promo_" + Fixtures.unique() + "\"}"))
			.andExpect(status().isCreated());

		api(get("/api/v1/partners/{code}/coupons", jane.code())).andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].code").value(code))
			.andExpect(jsonPath("$.items[1].stripePromotionCodeId").value(containsString("promo_")));

		// by any case of the code
		api(delete("/api/v1/partners/{code}/coupons/{coupon}", jane.code(), code.toLowerCase()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.status").value("disabled"));
		// again: still disabled, one audit entry
		api(delete("/api/v1/partners/{code}/coupons/{coupon}", jane.code(), code)).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("disabled"));
		api(get("/api/v1/partners/{code}/coupons", jane.code())).andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[?(@.code == '" + code + "')].status").value("disabled"));
		assertThat(this.jdbc.sql("select count(*) from audit_entry where action = 'coupon.disable' and subject_id = :p")
			.param("p", jane.code())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aCodeIsTakenForEverWhateverItsCaseOrStatus() throws Exception {
		PartnerSummary jane = partner();
		PartnerSummary bob = partner();
		String code = code();
		create(jane, code).andExpect(status().isCreated());
		create(bob, code.toLowerCase()).andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail", containsString("taken")));
		api(delete("/api/v1/partners/{code}/coupons/{coupon}", jane.code(), code)).andExpect(status().isOk());
		// disabled: never given to another partner, nor created twice
		create(bob, code).andExpect(status().isConflict());
		create(jane, code).andExpect(status().isConflict());
		assertThat(this.jdbc.sql("select partner_id from partner_coupon where lower(code) = lower(:c)")
			.param("c", code)
			.query(Long.class)
			.list()).containsExactly(jane.id());
	}

	@Test
	void badInputIsA4xxProblem() throws Exception {
		PartnerSummary jane = partner();
		for (String bad : List.of("", "has space", "-starts-with-dash", "x".repeat(65), "semi;colon", "ünï")) {
			api(post("/api/v1/partners/{code}/coupons", jane.code()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\": \"" + bad + "\"}")).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}
		api(post("/api/v1/partners/{code}/coupons", jane.code()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\": \"OK1\", \"partner\": \"x\"}")).andExpect(status().isBadRequest());
		api(post("/api/v1/partners/{code}/coupons", "no-such-partner-x").contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\": \"" + code() + "\"}")).andExpect(status().isNotFound());
		// someone else's coupon cannot be disabled through this partner
		PartnerSummary bob = partner();
		String bobs = code();
		create(bob, bobs).andExpect(status().isCreated());
		api(delete("/api/v1/partners/{code}/coupons/{coupon}", jane.code(), bobs)).andExpect(status().isNotFound());
		assertThat(this.coupons.activeCodesOf(bob.id())).containsExactly(bobs);
		// one promotion code id maps to one coupon
		String promo = "promo_" + Fixtures.unique();
		this.coupons.create(jane.id(), code(), promo);
		api(post("/api/v1/partners/{code}/coupons", bob.code()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\": \"" + code() + "\", \"stripePromotionCodeId\": \"" + promo + "\"}"))
			.andExpect(status().isConflict());
	}

	@Test
	void concurrentCreatesOfOneCodeGiveItToOnePartner() throws Exception {
		String code = code();
		List<PartnerSummary> contenders = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			contenders.add(partner());
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (PartnerSummary p : contenders) {
				Callable<Integer> call = () -> {
					start.await();
					return create(p, code).andReturn().getResponse().getStatus();
				};
				answers.add(pool.submit(call));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
			assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
			assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.sql("select count(*) from partner_coupon where lower(code) = lower(:c)")
			.param("c", code)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theConsolePartnerPageListsAddsAndDisablesCoupons() throws Exception {
		PartnerSummary jane = partner();
		PartnerSummary bob = partner();
		String taken = code();
		this.coupons.create(bob.id(), taken, null);
		String code = code();

		this.mvc.perform(post("/admin/partners/{id}/coupons", jane.id()).param("code", code).with(csrf()).with(ADMIN))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/partners/" + jane.id() + "#coupons"))
			.andExpect(flash().attribute("message", containsString(code)));
		this.mvc.perform(post("/admin/partners/{id}/coupons", jane.id()).param("code", taken).with(csrf()).with(ADMIN))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", containsString("taken")));
		this.mvc
			.perform(post("/admin/partners/{id}/coupons", jane.id()).param("code", "bad code").with(csrf()).with(ADMIN))
			.andExpect(flash().attribute("error", containsString("letters")));

		String page = this.mvc.perform(get("/admin/partners/{id}", jane.id()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("data-coupon=\"" + code + "\"").doesNotContain(taken).contains("name=\"_csrf\"");

		long id = this.coupons.ofPartner(jane.id()).get(0).id();
		// without the CSRF token, as a partner, or through another partner's page:
		// refused
		this.mvc.perform(post("/admin/partners/{id}/coupons/{c}/disable", jane.id(), id).with(ADMIN))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/partners/{id}/coupons/{c}/disable", jane.id(), id).with(csrf())
				.with(user("someone@partners.example.com").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/partners/{id}/coupons/{c}/disable", bob.id(), id).with(csrf()).with(ADMIN))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/admin/partners/{id}/coupons", jane.id()).param("code", code()).with(ADMIN))
			.andExpect(status().isForbidden());
		assertThat(this.coupons.activeCodesOf(jane.id())).containsExactly(code);

		this.mvc.perform(post("/admin/partners/{id}/coupons/{c}/disable", jane.id(), id).with(csrf()).with(ADMIN))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", containsString("disabled")));
		assertThat(this.coupons.activeCodesOf(jane.id())).isEmpty();
		this.mvc.perform(get("/admin/partners/{id}", jane.id()).with(ADMIN))
			.andExpect(content().string(containsString(code)))
			.andExpect(content().string(containsString("disabled")));
	}

	@Test
	void aPartnerSeesHisActiveCodesBesideHisLinks() throws Exception {
		String email = "cpc-" + Fixtures.unique() + "@partners.example.com";
		long contactId = this.contacts.create(email, "Cora", "Coupon").id();
		PartnerSummary cora = this.partners.enroll(new Enrollment(contactId, this.program.id(),
				"cpc-" + Fixtures.unique(), PartnerStatus.APPROVED, null, null, "partner-password-1"));
		PartnerSummary other = partner();
		String active = code();
		String disabled = code();
		String others = code();
		this.coupons.create(cora.id(), active, null);
		this.coupons.create(cora.id(), disabled, null);
		this.coupons.disable(cora.id(), disabled);
		this.coupons.create(other.id(), others, null);

		this.mvc.perform(get("/partner/promo-tools").with(user(email).roles("PARTNER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your coupon codes")))
			.andExpect(content().string(containsString("value=\"" + active + "\"")))
			.andExpect(content().string(not(containsString(disabled))))
			.andExpect(content().string(not(containsString(others))));
	}

	@Test
	void aPartnerWithCouponsIsNotRemovedFromHisProgram() {
		PartnerSummary jane = partner();
		this.coupons.create(jane.id(), code(), null);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.partners.remove(jane.id()))
			.isInstanceOf(dev.partnerhub.support.ConflictException.class)
			.hasMessageContaining("coupon");
	}

}
