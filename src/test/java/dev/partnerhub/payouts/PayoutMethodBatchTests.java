package dev.partnerhub.payouts;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.payouts.PayoutDetailsApi.MethodChange;
import dev.partnerhub.payouts.PayoutDetailsApi.TaxInput;
import dev.partnerhub.payouts.domain.PayoutQueries;
import dev.partnerhub.payouts.domain.PayoutViews.Line;
import dev.partnerhub.payouts.domain.PayoutViews.Preview;
import dev.partnerhub.programs.PayoutOptions;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A batch split by payout method: PayPal CSV, SEPA pain.001.001.03, bank CSV, manual
 * list; blocked reasons; items marked paid with a reference.
 */
@IntegrationTest
class PayoutMethodBatchTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	static final String NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

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
	PayoutQueries queries;

	@Autowired
	PayoutDetailsApi details;

	@Autowired
	PayoutOptions options;

	PayoutFixtures f;

	ProgramSummary euros;

	@BeforeEach
	void fixtures() {
		this.f = new PayoutFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
		this.euros = this.programs
			.createProgram(new ProgramDefinition(unique("Euro methods "), "https://shop.example.com", 1, "EUR",
					Rate.percent("10"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		this.options.setPayoutOptions(this.euros.id(), Set.of("paypal", "bank", "other"), false);
	}

	PartnerSummary earner(boolean payoutEmail, int sales) throws Exception {
		PartnerSummary partner = this.f.partner(this.euros, payoutEmail);
		for (int i = 0; i < sales; i++) {
			this.f.orders
				.postOrder("""
						{"orderId": "%s", "email": "%s@customers.example.com", "referral": "%s", "currency": "EUR",
						 "items": [%s]}""".formatted(unique("pm-"), unique("buyer"), partner.code(),
						item(this.f.product.sku(), 1, "100.00")))
				.andExpect(status().isCreated());
		}
		this.f.approve(partner);
		return partner;
	}

	record Mixed(PartnerSummary paypal, PartnerSummary sepaA, PartnerSummary sepaB, PartnerSummary local,
			PartnerSummary other, PartnerSummary blocked, long batchId) {
	}

	Mixed mixedBatch() throws Exception {
		PartnerSummary paypal = earner(true, 1);
		PartnerSummary sepaA = earner(false, 2);
		this.details.changeMethod(sepaA.id(),
				new MethodChange("bank", null, "A & B <x>", "DE89 3704 0044 0532 0130 00", "COBADEFFXXX", null, null));
		PartnerSummary sepaB = earner(false, 3);
		this.details.changeMethod(sepaB.id(),
				new MethodChange("bank", null, "Zoë Müller", "FR1420041010050500013M02606", null, null, null));
		PartnerSummary local = earner(false, 1);
		this.details.changeMethod(local.id(), new MethodChange("bank", null, "Kofi Mensah", null, null,
				"GTBank Accra, account 0123456789, sort code 058", null));
		PartnerSummary other = earner(false, 1);
		this.details.changeMethod(other.id(),
				new MethodChange("other", null, null, null, null, null, "Wise to kofi@example.com, please"));
		PartnerSummary blocked = earner(false, 1);
		MvcResult created = this.mvc
			.perform(post("/api/v1/payouts").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + this.euros.name() + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.itemCount").value(5))
			.andExpect(jsonPath("$.total").value("80.00"))
			.andExpect(jsonPath("$.blocked[0].partnerCode").value(blocked.code()))
			.andExpect(jsonPath("$.blocked[0].reason").value("no payout e-mail"))
			.andExpect(jsonPath("$.items[?(@.partnerCode == '" + sepaA.code() + "')].method").value("bank"))
			.andExpect(jsonPath("$.items[?(@.partnerCode == '" + sepaA.code() + "')].iban")
				.value("DE89 **** **** **** **30 00"))
			.andExpect(jsonPath("$.items[?(@.partnerCode == '" + paypal.code() + "')].payoutEmail")
				.value(paypal.payoutEmail()))
			.andExpect(jsonPath("$.items[?(@.partnerCode == '" + other.code() + "')].method").value("other"))
			.andReturn();
		long batchId = ((Number) read(created, "$.id")).longValue();
		return new Mixed(paypal, sepaA, sepaB, local, other, blocked, batchId);
	}

	@Test
	void theSepaFileHasEveryRequiredElementAndControlSumsEqualTheItems() throws Exception {
		Mixed m = mixedBatch();
		MvcResult result = this.mvc.perform(get("/admin/payouts/{id}/sepa.xml", m.batchId()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn();
		byte[] xml = result.getResponse().getContentAsByteArray();
		String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(text).contains("A &amp; B &lt;x&gt;").doesNotContain("A & B <x>");
		validateAgainstTheOfficialSchemaWhenAvailable(xml);

		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
		Element root = doc.getDocumentElement();
		assertThat(root.getNamespaceURI()).isEqualTo(NS);
		assertThat(root.getLocalName()).isEqualTo("Document");
		Element initiation = only(root, "CstmrCdtTrfInitn");
		Element header = only(initiation, "GrpHdr");
		assertThat(text(header, "MsgId")).startsWith("PH-" + m.batchId()).hasSizeLessThanOrEqualTo(35);
		assertThat(text(header, "CreDtTm")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
		assertThat(text(header, "NbOfTxs")).isEqualTo("2");
		assertThat(new BigDecimal(text(header, "CtrlSum"))).isEqualByComparingTo("50.00");
		assertThat(text(only(header, "InitgPty"), "Nm")).isEqualTo("Partnerhub Test GmbH");

		Element payment = only(initiation, "PmtInf");
		assertThat(text(payment, "PmtInfId")).isNotBlank();
		assertThat(text(payment, "PmtMtd")).isEqualTo("TRF");
		assertThat(text(payment, "NbOfTxs")).isEqualTo("2");
		assertThat(new BigDecimal(text(payment, "CtrlSum"))).isEqualByComparingTo("50.00");
		assertThat(LocalDate.parse(text(payment, "ReqdExctnDt"))).isEqualTo(LocalDate.now(ZoneOffset.UTC));
		assertThat(text(only(payment, "Dbtr"), "Nm")).isEqualTo("Partnerhub Test GmbH");
		assertThat(text(only(only(payment, "DbtrAcct"), "Id"), "IBAN")).isEqualTo("DE02120300000000202051");
		assertThat(text(only(only(payment, "DbtrAgt"), "FinInstnId"), "BIC")).isEqualTo("BYLADEM1001");

		List<Element> transfers = children(payment, "CdtTrfTxInf");
		assertThat(transfers).hasSize(2);
		BigDecimal sum = BigDecimal.ZERO;
		Set<String> endToEnd = new HashSet<>();
		List<String> names = new ArrayList<>();
		List<String> ibans = new ArrayList<>();
		for (Element transfer : transfers) {
			endToEnd.add(text(only(transfer, "PmtId"), "EndToEndId"));
			Element amount = only(only(transfer, "Amt"), "InstdAmt");
			assertThat(amount.getAttribute("Ccy")).isEqualTo("EUR");
			assertThat(amount.getTextContent()).matches("\\d+\\.\\d{2}");
			sum = sum.add(new BigDecimal(amount.getTextContent()));
			names.add(text(only(transfer, "Cdtr"), "Nm"));
			ibans.add(text(only(only(transfer, "CdtrAcct"), "Id"), "IBAN"));
		}
		assertThat(endToEnd).hasSize(2).allMatch(id -> id.startsWith("PH-" + m.batchId() + "-") && id.length() <= 35);
		assertThat(sum).as("control sum = sum of the transfers").isEqualByComparingTo(text(header, "CtrlSum"));
		assertThat(names).containsExactlyInAnyOrder("A & B <x>", "Zoë Müller");
		assertThat(ibans).containsExactlyInAnyOrder("DE89370400440532013000", "FR1420041010050500013M02606");
		// the API serves the same file
		this.mvc
			.perform(get("/api/v1/payouts/{id}/sepa.xml", m.batchId()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk());
	}

	@Test
	void eachMethodHasItsFileAndThePayPalFileHoldsOnlyPayPalItems() throws Exception {
		Mixed m = mixedBatch();
		String paypal = this.mvc.perform(get("/admin/payouts/{id}/paypal.csv", m.batchId()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(paypal.strip().lines()).hasSize(1);
		assertThat(paypal).startsWith(m.paypal().payoutEmail() + ",10.00,EUR,");

		String bank = this.mvc.perform(get("/admin/payouts/{id}/bank.csv", m.batchId()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(bank.lines().toList()).hasSize(2);
		assertThat(bank).startsWith("partner_code,account_holder,iban,bic,local_account_details,amount,currency")
			.contains(m.local().code())
			.contains("GTBank Accra, account 0123456789, sort code 058")
			.doesNotContain(m.sepaA().code());

		String manual = this.mvc.perform(get("/admin/payouts/{id}/manual.csv", m.batchId()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(manual.lines().toList()).hasSize(2);
		assertThat(manual).contains(m.other().code()).contains("Wise to kofi@example.com, please");

		String page = this.mvc.perform(get("/admin/payouts/{id}", m.batchId()).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("SEPA XML")
			.contains("Bank CSV")
			.contains("Manual list")
			.contains("DE89 **** **** **** **30 00")
			.doesNotContain("DE89370400440532013000")
			.doesNotContain("0123456789");
	}

	@Test
	void itemsAreMarkedPaidWithAReferenceOnceAndTheBatchIsPaidWithTheLast() throws Exception {
		Mixed m = mixedBatch();
		List<Long> items = this.jdbc.sql("select id from payout_item where batch_id = :b order by id")
			.param("b", m.batchId())
			.query(Long.class)
			.list();
		long first = items.get(0);
		this.mvc
			.perform(post("/admin/payouts/{id}/items/{item}/paid", m.batchId(), first).with(ADMIN)
				.with(csrf())
				.param("reference", "BANK-REF-1"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", "Payout item marked paid."));
		this.mvc
			.perform(post("/admin/payouts/{id}/items/{item}/paid", m.batchId(), first).with(ADMIN)
				.with(csrf())
				.param("reference", "SECOND-TRY"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select reference from payout_item where id = :i")
			.param("i", first)
			.query(String.class)
			.single()).as("a replay keeps the first reference").isEqualTo("BANK-REF-1");
		assertThat(this.jdbc
			.sql("select count(*) from audit_entry where action = 'payout_item.mark_paid' and " + "subject_id = :i")
			.param("i", String.valueOf(first))
			.query(Integer.class)
			.single()).isEqualTo(1);

		this.mvc
			.perform(post("/admin/payouts/{id}/items/{item}/paid", m.batchId(), items.get(1)).with(ADMIN)
				.with(csrf())
				.param("reference", "x".repeat(141)))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", "A reference has at most 140 characters, on one line."));
		assertThat(this.jdbc.sql("select status from payout_item where id = :i")
			.param("i", items.get(1))
			.query(String.class)
			.single()).isEqualTo("created");

		for (Long item : items.subList(1, items.size())) {
			this.mvc
				.perform(post("/api/v1/payouts/{id}/items/{item}/paid", m.batchId(), item)
					.header("Authorization", IntegrationTest.BEARER)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"reference\": \"API-" + item + "\"}"))
				.andExpect(status().isOk());
		}
		this.mvc.perform(get("/api/v1/payouts/{id}", m.batchId()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(jsonPath("$.status").value("paid"))
			.andExpect(jsonPath("$.items[?(@.id == " + first + ")].reference").value("BANK-REF-1"));
		assertThat(this.jdbc.sql("""
				select count(*) from commission where partner_id = :p and status = 'paid'
				""").param("p", m.sepaB().id()).query(Integer.class).single()).isEqualTo(3);
	}

	@Test
	void partnersWithoutAUsableMethodOrRequiredTaxDetailsAreBlockedWithTheReason() throws Exception {
		PartnerSummary noTax = earner(true, 1);
		PartnerSummary bank = earner(false, 1);
		this.details.changeMethod(bank.id(),
				new MethodChange("bank", null, "Bank Person", "NL91ABNA0417164300", null, null, null));
		this.options.setPayoutOptions(this.euros.id(), Set.of("other"), true);
		PartnerSummary noMethod = earner(true, 1);

		Preview preview = this.queries.preview(this.euros.id());
		assertThat(preview.payable()).isEmpty();
		assertThat(preview.blocked()).extracting(Line::partnerCode, Line::blockedReason)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(noTax.code(), "no payout method chosen"),
					org.assertj.core.groups.Tuple.tuple(noMethod.code(), "no payout method chosen"),
					org.assertj.core.groups.Tuple.tuple(bank.code(),
							"payout method bank is not offered by the program"));

		this.options.setPayoutOptions(this.euros.id(), Set.of("paypal", "bank"), true);
		preview = this.queries.preview(this.euros.id());
		assertThat(preview.blocked()).extracting(Line::blockedReason).containsOnly("no tax details");
		String page = this.mvc
			.perform(get("/admin/payouts/new").param("program", String.valueOf(this.euros.id())).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("no tax details");

		this.details.saveTaxDetails(noTax.id(),
				new TaxInput("No Tax Ltd", "GB", "GB123456789", "business", false, true, "N. Tax"));
		preview = this.queries.preview(this.euros.id());
		assertThat(preview.payable()).extracting(Line::partnerCode).containsExactly(noTax.code());
		this.mvc
			.perform(post("/api/v1/payouts").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + this.euros.name() + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.itemCount").value(1))
			.andExpect(jsonPath("$.blocked.length()").value(2))
			.andExpect(jsonPath("$.blocked[0].reason").value("no tax details"));
	}

	@Test
	void aBatchWithoutSepaItemsSaysSoInsteadOfAnEmptyFile() throws Exception {
		PartnerSummary paypal = earner(true, 1);
		MvcResult created = this.mvc
			.perform(post("/api/v1/payouts").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + this.euros.name() + "\"}"))
			.andExpect(status().isCreated())
			.andReturn();
		long batchId = ((Number) read(created, "$.id")).longValue();
		assertThat(paypal.code()).isNotNull();
		this.mvc.perform(get("/admin/payouts/{id}/sepa.xml", batchId).with(ADMIN))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error",
					"Payout batch " + batchId + " has no bank transfers in EUR to an IBAN: there is no SEPA file."));
		this.mvc.perform(get("/api/v1/payouts/{id}/sepa.xml", batchId).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isConflict());
	}

	/**
	 * The official pain.001.001.03 schema is not committed (third-party text); when a
	 * copy is at {@code -Dpain001.xsd=} (or /tmp/pain.001.001.03.xsd) the file is
	 * validated against it too. The element checks above run always.
	 */
	static void validateAgainstTheOfficialSchemaWhenAvailable(byte[] xml) throws Exception {
		Path xsd = Path.of(System.getProperty("pain001.xsd", "/tmp/pain.001.001.03.xsd"));
		if (!Files.isRegularFile(xsd)) {
			return;
		}
		SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
		factory.newSchema(xsd.toFile()).newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
	}

	static Element only(Element parent, String name) {
		List<Element> found = children(parent, name);
		assertThat(found).as(parent.getLocalName() + "/" + name).hasSize(1);
		return found.get(0);
	}

	static String text(Element parent, String name) {
		return only(parent, name).getTextContent();
	}

	static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i) instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
				found.add(e);
			}
		}
		return found;
	}

}
