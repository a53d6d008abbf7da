package dev.partnerhub.rollups;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.domain.RollupEngine;

import org.awaitility.Awaitility;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Programs, partners with payout e-mails, orders, approvals, payouts and rollup fields
 * through the real APIs.
 */
class RollupFixtures {

	final OrderFixtures orders;

	final MockMvc mvc;

	final JdbcClient jdbc;

	private final PartnerService partners;

	private final ContactService contacts;

	final RollupEngine engine;

	RollupFixtures(ProgramService programs, PartnerService partners, ContactService contacts, MockMvc mvc,
			JdbcClient jdbc, RollupEngine engine) {
		this.orders = new OrderFixtures(programs, partners, contacts, mvc);
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.partners = partners;
		this.contacts = contacts;
		this.engine = engine;
	}

	PartnerSummary partner(ProgramSummary program, PartnerSummary parent) {
		String code = unique("r");
		long contactId = this.contacts.create(code + "@partners.example.com", "Pat", code).id();
		return this.partners.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED,
				parent == null ? null : parent.id(), code + "@paypal.example.com", null));
	}

	/**
	 * Posts an order credited to {@code referral} (a partner code, or null); returns the
	 * commission ids.
	 */
	List<Long> order(String orderId, String email, String referral, Instant at, boolean recurring, String items)
			throws Exception {
		String body = """
				{"orderId": "%s", "email": "%s", %s "currency": "USD", "occurredAt": "%s", "recurring": %s,
				 "items": [%s]}
				""".formatted(orderId, email, referral == null ? "" : "\"referral\": \"" + referral + "\",", at,
				recurring, items);
		MvcResult result = this.orders.postOrder(body).andExpect(status().isCreated()).andReturn();
		List<Number> ids = JsonPath.read(result.getResponse().getContentAsString(), "$.commissions[*].id");
		return ids.stream().map(Number::longValue).toList();
	}

	ResultActions post(String path, String json) throws Exception {
		return this.orders.post(path, json);
	}

	void approve(List<Long> ids) throws Exception {
		post("/api/v1/commissions/approve", "{\"ids\": " + ids + "}").andExpect(status().isOk());
	}

	void decline(List<Long> ids) throws Exception {
		post("/api/v1/commissions/decline", "{\"ids\": " + ids + ", \"reason\": \"test\"}").andExpect(status().isOk());
	}

	/**
	 * Creates a payout batch for the program and marks it paid; returns its id (null when
	 * nothing was due).
	 */
	Long payAll(ProgramSummary program) throws Exception {
		MvcResult created = post("/api/v1/payouts", "{\"program\": \"" + program.name() + "\"}").andReturn();
		if (created.getResponse().getStatus() != 201) {
			return null;
		}
		long id = ((Number) JsonPath.read(created.getResponse().getContentAsString(), "$.id")).longValue();
		int items = JsonPath.read(created.getResponse().getContentAsString(), "$.itemCount");
		if (items == 0) {
			return null;
		}
		post("/api/v1/payouts/" + id + "/paid", "{}").andExpect(status().isOk());
		return id;
	}

	void refund(String orderId, String amount) throws Exception {
		post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"" + unique("rf-") + "\""
				+ (amount == null ? "" : ", \"amount\": \"" + amount + "\"") + "}")
			.andExpect(status().is2xxSuccessful());
	}

	/**
	 * Creates a rollup field through the API and waits for its background recompute;
	 * returns its id.
	 */
	long rollup(String json) throws Exception {
		MvcResult result = post("/api/v1/rollup-fields", json).andExpect(status().isCreated()).andReturn();
		long id = ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
		awaitRecompute(id);
		return id;
	}

	void update(long id, String json) throws Exception {
		this.mvc
			.perform(put("/api/v1/rollup-fields/" + id).header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isOk());
	}

	void remove(long id) throws Exception {
		this.mvc.perform(delete("/api/v1/rollup-fields/" + id).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isNoContent());
	}

	/**
	 * Waits for the definition's recompute job (jobs facility) to finish; fails at once
	 * if it failed.
	 */
	void awaitRecompute(long id) {
		String status = Awaitility.await("recompute of rollup " + id)
			.atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc
				.sql("select j.status from rollup_field f "
						+ "join job j on j.id = f.recompute_job_id where f.id = :id")
				.param("id", id)
				.query(String.class)
				.single(), s -> "done".equals(s) || "failed".equals(s));
		if ("failed".equals(status)) {
			throw new AssertionError("recompute of rollup " + id + " failed");
		}
	}

	/** The API's values of a partner (computed on read). */
	Map<String, Object> apiValues(String code) throws Exception {
		MvcResult result = this.orders.get("/api/v1/partners/" + code + "/rollups")
			.andExpect(status().isOk())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$");
	}

	/**
	 * The materialised value after draining the dirty set (null when no row or a null
	 * value).
	 */
	BigDecimal stored(long rollupId, long contactId) {
		this.engine.drain();
		List<BigDecimal> values = this.jdbc
			.sql("select value from rollup_value where rollup_field_id = :r and contact_id = :c")
			.param("r", rollupId)
			.param("c", contactId)
			.query((rs, n) -> rs.getBigDecimal(1))
			.list();
		return values.isEmpty() ? null : values.get(0);
	}

	static String sku(List<String> skus, int i) {
		return skus.get(i);
	}

	static List<Long> ids(List<Long> a, List<Long> b) {
		List<Long> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
