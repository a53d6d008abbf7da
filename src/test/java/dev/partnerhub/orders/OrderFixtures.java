package dev.partnerhub.orders;

import java.math.BigDecimal;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Builds programs, products and partners with unique names, and posts to the order API.
 */
public class OrderFixtures {

	private final ProgramService programs;

	private final PartnerService partners;

	private final ContactService contacts;

	private final MockMvc mvc;

	public OrderFixtures(ProgramService programs, PartnerService partners, ContactService contacts, MockMvc mvc) {
		this.programs = programs;
		this.partners = partners;
		this.contacts = contacts;
		this.mvc = mvc;
	}

	public static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	public ProductSummary product(String price) {
		return this.programs.createProduct(unique("SKU-"), "Product", new BigDecimal(price), "USD");
	}

	public ProgramSummary program(int tiers, Rate first, Rate second, boolean recurring, Integer months,
			List<ProgramDefinition.ProductRateDefinition> productRates) {
		return this.programs.createProgram(new ProgramDefinition(unique("Program "), "https://shop.example.com", tiers,
				"USD", first, second, 30, null, BigDecimal.ZERO, recurring, months, null, productRates));
	}

	public ProgramSummary program(int tiers, Rate first, Rate second) {
		return program(tiers, first, second, true, null, List.of());
	}

	public PartnerSummary partner(ProgramSummary program, PartnerSummary parent, PartnerStatus status) {
		String code = unique("p");
		long contactId = this.contacts.create(code + "@partners.example.com", "Pat", code).id();
		return this.partners.enroll(
				new Enrollment(contactId, program.id(), code, status, parent == null ? null : parent.id(), null, null));
	}

	public PartnerSummary partner(ProgramSummary program) {
		return partner(program, null, PartnerStatus.APPROVED);
	}

	public String emailOf(PartnerSummary partner) {
		return this.contacts.findById(partner.contactId()).orElseThrow().email();
	}

	public static String order(String orderId, String email, String referral, String items) {
		return """
				{"orderId": "%s", "email": "%s", %s "currency": "USD", "items": [%s]}
				""".formatted(orderId, email, referral == null ? "" : "\"referral\": \"" + referral + "\",", items);
	}

	public static String item(String sku, int quantity, String unitPrice) {
		return "{\"sku\": \"%s\", \"quantity\": %d, \"unitPrice\": \"%s\"}".formatted(sku, quantity, unitPrice);
	}

	public ResultActions post(String path, String json) throws Exception {
		return this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
			.header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	public ResultActions postOrder(String json) throws Exception {
		return post("/api/v1/orders", json);
	}

	public ResultActions get(String path) throws Exception {
		return this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
			.header("Authorization", IntegrationTest.BEARER));
	}

	public static <T> T read(MvcResult result, String path) throws Exception {
		return JsonPath.read(result.getResponse().getContentAsString(), path);
	}

}
