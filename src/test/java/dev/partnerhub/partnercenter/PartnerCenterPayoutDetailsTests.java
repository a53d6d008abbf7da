package dev.partnerhub.partnercenter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Partner;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.PayoutOptions;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A partner's payout method and tax details in the partner center: encrypted at rest,
 * masked on every page, audited, e-mailed; bad and overlong input are form messages; a
 * partner only ever sees and changes his own.
 */
@IntegrationTest
class PartnerCenterPayoutDetailsTests {

	static final String IBAN = "DE89370400440532013000";

	static final String MASK = "DE89 **** **** **** **30 00";

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
	ClickRecorder recorder;

	@Autowired
	PayoutOptions payoutOptions;

	@Autowired
	MailDelivery delivery;

	PartnerCenterFixtures f;

	Partner jane;

	GreenMail greenMail;

	@BeforeEach
	void setUp() {
		this.f = new PartnerCenterFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc,
				this.recorder);
		this.payoutOptions.setPayoutOptions(this.f.program.id(), Set.of("paypal", "bank", "other"), true);
		this.jane = this.f.partner("Jane");
	}

	@AfterEach
	void stopSmtp() {
		if (this.greenMail != null) {
			this.greenMail.stop();
		}
	}

	static RequestPostProcessor as(Partner partner) {
		return user(partner.email()).roles("PARTNER");
	}

	void saveBank(Partner partner, String holder, String iban, String bic) throws Exception {
		this.mvc
			.perform(post("/partner/payout-details/method").with(as(partner))
				.with(csrf())
				.param("method", "bank")
				.param("accountHolder", holder)
				.param("iban", iban)
				.param("bic", bic))
			.andExpect(redirectedUrl("/partner/payout-details"));
	}

	@Test
	void bankDetailsAreEncryptedAtRestMaskedOnThePageAuditedAndEmailed() throws Exception {
		this.greenMail = new GreenMail(new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));
		this.greenMail.start();

		saveBank(this.jane, "Jane Partner", "de89 3704 0044 0532 0130 00", "COBADEFFXXX");

		byte[] raw = this.jdbc.sql("select iban_enc from payout_method where partner_id = :p")
			.param("p", this.jane.id())
			.query(byte[].class)
			.single();
		assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(IBAN).doesNotContain("0532013000");
		String rawRow = this.jdbc.sql("select cast(m.* as text) from payout_method m where partner_id = :p")
			.param("p", this.jane.id())
			.query(String.class)
			.single();
		assertThat(rawRow).doesNotContain(IBAN).doesNotContain("COBADEFFXXX").contains(MASK);

		Html page = Html
			.of(this.mvc.perform(get("/partner/payout-details").with(as(this.jane))).andExpect(status().isOk()));
		assertThat(page.text("#current-iban")).isEqualTo("IBAN " + MASK);
		assertThat(page.source()).doesNotContain(IBAN).doesNotContain("COBADEFFXXX");
		assertThat(page.value("#iban")).as("the number is never put back into the form").isEmpty();

		String audit = this.jdbc.sql("""
				select after_value from audit_entry where action = 'payout_method.update' and subject_id = :p
				""").param("p", String.valueOf(this.jane.id())).query(String.class).single();
		assertThat(audit).contains(MASK).contains("\"method\":\"bank\"").doesNotContain(IBAN);

		this.delivery.deliverDue(Instant.now());
		// the payout-details e-mail, once (his approval notice may be there too)
		List<MimeMessage> mails = new java.util.ArrayList<>();
		for (MimeMessage mail : Mailbox.to(this.greenMail, this.jane.email())) {
			if (Mailbox.subject(mail).startsWith("Your payout details")) {
				mails.add(mail);
			}
		}
		assertThat(mails).hasSize(1);
		assertThat(Mailbox.subject(mails.get(0))).contains("payout details");
		assertThat(Mailbox.body(mails.get(0))).contains("bank transfer to Jane Partner")
			.contains(MASK)
			.doesNotContain(IBAN);
	}

	@Test
	void aBadIbanOrBicIsAFormMessageAndNothingIsStored() throws Exception {
		Html page = Html.of(
				this.mvc
					.perform(post("/partner/payout-details/method").with(as(this.jane))
						.with(csrf())
						.param("method", "bank")
						.param("accountHolder", "Jane")
						.param("iban", "DE89370400440532013001"))
					.andExpect(status().isOk()));
		assertThat(page.text("#iban-error")).contains("not a valid IBAN");
		assertThat(page.value("#iban")).isEmpty();

		page = Html.of(
				this.mvc
					.perform(post("/partner/payout-details/method").with(as(this.jane))
						.with(csrf())
						.param("method", "bank")
						.param("accountHolder", "Jane")
						.param("iban", IBAN)
						.param("bic", "NOT A BIC"))
					.andExpect(status().isOk()));
		assertThat(page.text("#bic-error")).contains("not a valid BIC");
		assertThat(stored(this.jane)).isZero();
	}

	@Test
	void overlongFieldsAndUnknownMethodsAreRefusedWithAMessage() throws Exception {
		Html page = Html.of(
				this.mvc
					.perform(post("/partner/payout-details/method").with(as(this.jane))
						.with(csrf())
						.param("method", "other")
						.param("instructions", "x".repeat(1001)))
					.andExpect(status().isOk()));
		assertThat(page.text("#instructions + .invalid-feedback, .invalid-feedback")).contains("At most 1000");
		this.mvc
			.perform(post("/partner/payout-details/method").with(as(this.jane)).with(csrf()).param("method", "bitcoin"))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/partner/payout-details/tax").with(as(this.jane))
				.with(csrf())
				.param("legalName", "J".repeat(201))
				.param("country", "US")
				.param("taxId", "123")
				.param("entityType", "individual")
				.param("declared", "true")
				.param("signedName", "Jane"))
			.andExpect(status().isOk());
		assertThat(stored(this.jane)).isZero();
		assertThat(this.jdbc.sql("select count(*) from payout_tax_details where partner_id = :p")
			.param("p", this.jane.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aMethodTheProgramDoesNotOfferIsRefused() throws Exception {
		this.payoutOptions.setPayoutOptions(this.f.program.id(), Set.of("paypal"), false);
		Html page = Html.of(
				this.mvc
					.perform(post("/partner/payout-details/method").with(as(this.jane))
						.with(csrf())
						.param("method", "bank")
						.param("accountHolder", "Jane")
						.param("iban", IBAN))
					.andExpect(status().isOk()));
		assertThat(page.text("#method-error")).contains("does not offer");
		assertThat(page.has("#method-bank")).as("only offered methods are shown").isFalse();
		assertThat(stored(this.jane)).isZero();
	}

	@Test
	void taxDetailsAreSignedEncryptedAndMasked() throws Exception {
		this.mvc
			.perform(post("/partner/payout-details/tax").with(as(this.jane))
				.with(csrf())
				.param("legalName", "Jane Q. Partner")
				.param("country", "us")
				.param("taxId", "123-45-6789")
				.param("entityType", "individual")
				.param("usPerson", "true")
				.param("declared", "true")
				.param("signedName", "Jane Q. Partner"))
			.andExpect(redirectedUrl("/partner/payout-details"));
		String row = this.jdbc.sql("select cast(t.* as text) from payout_tax_details t where partner_id = :p")
			.param("p", this.jane.id())
			.query(String.class)
			.single();
		assertThat(row).doesNotContain("123-45-6789").doesNotContain("456789").contains("*******6789");
		Html page = Html
			.of(this.mvc.perform(get("/partner/payout-details").with(as(this.jane))).andExpect(status().isOk()));
		assertThat(page.text("#tax-on-file")).contains("Jane Q. Partner").contains("US").contains("*******6789");
		assertThat(page.source()).doesNotContain("123-45-6789");
	}

	@Test
	void taxDetailsNeedTheDeclarationAndAKnownCountry() throws Exception {
		Html page = Html.of(
				this.mvc
					.perform(post("/partner/payout-details/tax").with(as(this.jane))
						.with(csrf())
						.param("legalName", "Jane")
						.param("country", "XX")
						.param("taxId", "123")
						.param("entityType", "individual")
						.param("declared", "true")
						.param("signedName", "Jane"))
					.andExpect(status().isOk()));
		assertThat(page.text("#country-error")).contains("two-letter");
		page = Html.of(
				this.mvc
					.perform(post("/partner/payout-details/tax").with(as(this.jane))
						.with(csrf())
						.param("legalName", "Jane")
						.param("country", "DE")
						.param("taxId", "123")
						.param("entityType", "individual")
						.param("signedName", "Jane"))
					.andExpect(status().isOk()));
		assertThat(page.source()).contains("Tick the box");
	}

	@Test
	void aPartnerSeesAndChangesOnlyHisOwnDetails() throws Exception {
		Partner bob = this.f.partner("Bob");
		saveBank(this.jane, "Jane Partner", IBAN, "");

		Html bobsPage = Html
			.of(this.mvc.perform(get("/partner/payout-details").with(as(bob))).andExpect(status().isOk()));
		assertThat(bobsPage.source()).doesNotContain(MASK).doesNotContain("Jane Partner");

		// a partnerId in the request is not how the partner is chosen
		this.mvc
			.perform(post("/partner/payout-details/method").with(as(bob))
				.with(csrf())
				.param("partnerId", String.valueOf(this.jane.id()))
				.param("method", "other")
				.param("instructions", "Send it to Bob"))
			.andExpect(redirectedUrl("/partner/payout-details"));
		assertThat(this.jdbc.sql("select method from payout_method where partner_id = :p")
			.param("p", this.jane.id())
			.query(String.class)
			.single()).isEqualTo("bank");
		assertThat(this.jdbc.sql("select method from payout_method where partner_id = :p")
			.param("p", bob.id())
			.query(String.class)
			.single()).isEqualTo("other");

		// the console page of a partner's method is the admins' only
		this.mvc.perform(get("/admin/partners/" + this.jane.id() + "/payout-method").with(as(bob)))
			.andExpect(status().isForbidden());
		Html admin = Html.of(
				this.mvc
					.perform(get("/admin/partners/" + this.jane.id() + "/payout-method")
						.with(user("admin@test.local").roles("ADMIN")))
					.andExpect(status().isOk()));
		assertThat(admin.text("#iban-mask")).isEqualTo(MASK);
		assertThat(admin.source()).doesNotContain(IBAN);
	}

	@Test
	void aPaymentByBankTransferSaysWhereItWentMasked() throws Exception {
		this.payoutOptions.setPayoutOptions(this.f.program.id(), Set.of("bank"), false);
		saveBank(this.jane, "Jane Partner", IBAN, "");
		this.f.sale(this.jane, "Buyer", PartnerCenterFixtures.daysAgo(1));
		this.jdbc.sql("update commission set status = 'approved', approved_at = now() where partner_id = :p")
			.param("p", this.jane.id())
			.update();
		String created = this.mvc
			.perform(post("/api/v1/payouts").header("Authorization", IntegrationTest.BEARER)
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + this.f.program.name() + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long batch = ((Number) com.jayway.jsonpath.JsonPath.read(created, "$.id")).longValue();
		long item = ((Number) com.jayway.jsonpath.JsonPath.read(created, "$.items[0].id")).longValue();
		this.mvc.perform(post("/api/v1/payouts/{id}/paid", batch).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk());
		Html page = Html.of(this.mvc.perform(get("/partner/earnings/payments/" + item).with(as(this.jane)))
			.andExpect(status().isOk()));
		assertThat(page.source()).contains("Bank transfer to IBAN " + MASK).doesNotContain(IBAN);
	}

	int stored(Partner partner) {
		return this.jdbc.sql("select count(*) from payout_method where partner_id = :p")
			.param("p", partner.id())
			.query(Integer.class)
			.single();
	}

}
