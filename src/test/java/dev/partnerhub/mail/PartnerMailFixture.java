package dev.partnerhub.mail;

import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the notice and announcement tests set up alike: GreenMail on the test SMTP port
 * for each test, a program and approved partners with unique names, the API with the test
 * key, a product and a credited sale, and what a partner received. Register it with
 * {@code @RegisterExtension}; it takes its beans from the test's own Spring context
 * ({@code @IntegrationTest}'s, no second context).
 */
public final class PartnerMailFixture implements BeforeEachCallback, AfterEachCallback {

	private GreenMail greenMail;

	private MockMvc mvc;

	private ProgramService programs;

	private PartnerService partners;

	private ContactApi contacts;

	private JdbcClient jdbc;

	@Override
	public void beforeEach(ExtensionContext extension) {
		ApplicationContext context = SpringExtension.getApplicationContext(extension);
		this.mvc = context.getBean(MockMvc.class);
		this.programs = context.getBean(ProgramService.class);
		this.partners = context.getBean(PartnerService.class);
		this.contacts = context.getBean(ContactApi.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.greenMail = new GreenMail(new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));
		this.greenMail.start();
	}

	@Override
	public void afterEach(ExtensionContext extension) {
		this.greenMail.stop();
	}

	public GreenMail greenMail() {
		return this.greenMail;
	}

	/** A one- or two-tier USD program (20 %, 5 % on tier 2), no minimum payout. */
	public ProgramSummary program(int tiers) {
		return MailFixtures.program(this.programs, tiers);
	}

	/** An approved partner in the program, with no login. */
	public PartnerSummary partner(ProgramSummary program, String firstName) {
		return MailFixtures.partner(this.contacts, this.partners, program, firstName);
	}

	/** The partner's contact e-mail. */
	public String email(PartnerSummary partner) {
		return MailFixtures.email(this.contacts, partner);
	}

	/** What arrived for the partner's contact e-mail. */
	public List<MimeMessage> received(PartnerSummary partner) {
		return received(email(partner));
	}

	/** What arrived for the address. */
	public List<MimeMessage> received(String address) {
		return Mailbox.to(this.greenMail, address);
	}

	/** The request with the test API key. */
	public ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.header("Authorization", IntegrationTest.BEARER));
	}

	/** A JSON POST with the test API key. */
	public ResultActions api(String path, String json) throws Exception {
		return api(post(path).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	/** A new 100.00 USD product; its SKU. */
	public String product() throws Exception {
		String sku = unique("SKU-");
		api("/api/v1/products", """
				{"sku": "%s", "name": "Course", "price": "100.00", "currency": "USD"}""".formatted(sku))
			.andExpect(status().isCreated());
		return sku;
	}

	/**
	 * One unit of the product sold through the partner's code; the tier-1 commission's
	 * id.
	 */
	public long order(PartnerSummary partner, String sku) throws Exception {
		MvcResult result = api("/api/v1/orders", """
				{"orderId": "%s", "email": "%s@buyer.test", "referral": "%s", "currency": "USD",
				 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "100.00"}]}""".formatted(unique("o-"), unique("b"),
				partner.code(), sku))
			.andExpect(status().isCreated())
			.andReturn();
		return ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.commissions[0].id")).longValue();
	}

	/**
	 * Every listener of the module ({@code "notices"}) finished what was published so
	 * far.
	 */
	public void awaitListeners(String module) {
		Awaitility.await(module + " listeners").atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.sql("""
				select count(*) from event_publication where listener_id like :module and completion_date is null
				""").param("module", module + ".%").query(Long.class).single() == 0);
	}

}
