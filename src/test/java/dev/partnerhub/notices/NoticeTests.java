package dev.partnerhub.notices;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailCategory;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Notices from the owners' events, delivered to GreenMail: content, unsubscribe headers,
 * one per occasion even when the event is delivered again, the program switch and the
 * partner's own choice.
 */
@IntegrationTest
class NoticeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MailDelivery delivery;

	@Autowired
	MailApi mail;

	@Autowired
	AccountApi accounts;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	ApplicationEventPublisher events;

	GreenMail greenMail;

	@BeforeEach
	void startSmtp() {
		this.greenMail = new GreenMail(new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));
		this.greenMail.start();
	}

	@AfterEach
	void stopSmtp() {
		this.greenMail.stop();
	}

	@Test
	void approvalNoticeGoesOnceToAPartnerWithALoginAndNotToOneWithout() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary withLogin = pending(program, "Lou");
		String loginEmail = MailFixtures.email(this.contacts, withLogin);
		this.tx.executeWithoutResult(
				s -> this.accounts.createPartnerLogin(withLogin.contactId(), loginEmail, "a-long-password-1"));
		PartnerSummary without = pending(program, "Nol");

		this.partners.changeStatus(withLogin.id(), PartnerStatus.APPROVED);
		this.partners.changeStatus(without.id(), PartnerStatus.APPROVED);
		awaitListeners();
		// delivered again (a resubmitted publication): nothing more
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new PartnerApproved(withLogin.id(), program.id())));
		awaitListeners();
		this.delivery.deliverDue(Instant.now());

		List<MimeMessage> received = Mailbox.to(this.greenMail, loginEmail);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).isEqualTo("You are approved as a partner of " + program.name());
		assertThat(Mailbox.body(received.get(0))).contains("Lou", "Your referral code: " + withLogin.code(),
				"http://localhost:8080/r/" + withLogin.code(), "Your partner center: http://localhost:8080/partner",
				"/mail/unsubscribe/" + withLogin.id() + ".partner-approved.");
		assertThat(received.get(0).getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		// the partner without a login gets the invitation (accounts) and not the approval
		// notice too, although the invitation made him a login (without a password)
		List<String> others = new java.util.ArrayList<>();
		for (MimeMessage message : Mailbox.to(this.greenMail, MailFixtures.email(this.contacts, without))) {
			others.add(Mailbox.subject(message));
		}
		assertThat(others).containsExactly("You are invited to the " + program.name() + " partner program");
	}

	@Test
	void aProgramThatTurnedTheApprovalNoticeOffSendsNone() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		this.mvc
			.perform(post("/admin/programs/" + program.id() + "/notices").with(user("admin@test.local").roles("ADMIN"))
				.with(csrf())
				.param("enabled", "new-commission", "payout-sent"))
			.andExpect(status().is3xxRedirection());
		PartnerSummary partner = pending(program, "Off");
		String email = MailFixtures.email(this.contacts, partner);
		this.tx.executeWithoutResult(
				s -> this.accounts.createPartnerLogin(partner.contactId(), email, "a-long-password-1"));
		this.partners.changeStatus(partner.id(), PartnerStatus.APPROVED);
		awaitListeners();
		this.delivery.deliverDue(Instant.now());
		assertThat(Mailbox.to(this.greenMail, email)).isEmpty();
	}

	@Test
	void aTier2PartnerJoiningTellsHisParent() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 2);
		PartnerSummary parent = MailFixtures.partner(this.contacts, this.partners, program, "Pam");
		String code = unique("c");
		long contact = this.contacts.create(code + "@mail.test", "Rex", "Recruit").id();
		PartnerSummary child = this.partners
			.enroll(new Enrollment(contact, program.id(), code, PartnerStatus.PENDING, parent.id(), null, null));
		awaitListeners();
		this.tx
			.executeWithoutResult(s -> this.events.publishEvent(new dev.partnerhub.partners.PartnerCreated(child.id(),
					contact, program.id(), PartnerStatus.PENDING, false)));
		awaitListeners();
		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> received = Mailbox.to(this.greenMail, MailFixtures.email(this.contacts, parent));
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).isEqualTo("Rex Recruit joined " + program.name() + " under you");
	}

	@Test
	void aSaleItsApprovalAndThePayoutEachSendOneNoticeAndAnUnsubscribedCategoryIsSkipped() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary partner = MailFixtures.partner(this.contacts, this.partners, program, "Mia");
		PartnerSummary quiet = MailFixtures.partner(this.contacts, this.partners, program, "Qui");
		this.partners.changePayoutEmail(partner.id(), "mia-" + partner.code() + "@paypal.test");
		this.partners.changePayoutEmail(quiet.id(), "qui-" + quiet.code() + "@paypal.test");
		this.tx.executeWithoutResult(s -> this.mail.setPreferences(quiet.id(), Map.of(MailCategory.NEW_COMMISSION,
				false, MailCategory.COMMISSION_APPROVED, false, MailCategory.PAYOUT_SENT, false)));
		String sku = unique("SKU-");
		api("/api/v1/products", """
				{"sku": "%s", "name": "Course", "price": "100.00", "currency": "USD"}""".formatted(sku))
			.andExpect(status().isCreated());
		long first = order(partner, sku);
		long second = order(partner, sku);
		long other = order(quiet, sku);
		awaitListeners();
		api("/api/v1/commissions/approve", "{\"ids\": [" + first + ", " + second + ", " + other + "]}")
			.andExpect(status().isOk());
		awaitListeners();
		MvcResult batch = api("/api/v1/payouts", "{\"program\": \"" + program.name() + "\"}").andReturn();
		long batchId = ((Number) JsonPath.read(batch.getResponse().getContentAsString(), "$.id")).longValue();
		api("/api/v1/payouts/" + batchId + "/paid", "{}").andExpect(status().isOk());
		awaitListeners();
		this.delivery.deliverDue(Instant.now());

		List<MimeMessage> received = Mailbox.to(this.greenMail, MailFixtures.email(this.contacts, partner));
		List<String> subjects = received.stream().map(Mailbox::subject).sorted().toList();
		assertThat(subjects).containsExactly("Commission approved: 40.00 USD", "New commission: 20.00 USD",
				"New commission: 20.00 USD", "Thank you: we sent you 40.00 USD");
		MimeMessage payout = received.stream()
			.filter(m -> Mailbox.subject(m).startsWith("Thank you"))
			.findFirst()
			.orElseThrow();
		assertThat(Mailbox.body(payout)).contains("thank you for promoting " + program.name(), sku + " (tier 1): 20.00",
				"/mail/unsubscribe/" + partner.id() + ".payout-sent.");
		assertThat(Mailbox.to(this.greenMail, MailFixtures.email(this.contacts, quiet))).isEmpty();
	}

	private long order(PartnerSummary partner, String sku) throws Exception {
		MvcResult result = api("/api/v1/orders", """
				{"orderId": "%s", "email": "%s@buyer.test", "referral": "%s", "currency": "USD",
				 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "100.00"}]}""".formatted(unique("o-"), unique("b"),
				partner.code(), sku))
			.andExpect(status().isCreated())
			.andReturn();
		return ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.commissions[0].id")).longValue();
	}

	private PartnerSummary pending(ProgramSummary program, String firstName) {
		String code = unique("n");
		long contact = this.contacts.create(code + "@mail.test", firstName, "Tester").id();
		return this.partners
			.enroll(new Enrollment(contact, program.id(), code, PartnerStatus.PENDING, null, null, null));
	}

	/** Every notice listener finished what was published so far. */
	private void awaitListeners() {
		Awaitility.await("notice listeners").atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.sql("""
				select count(*) from event_publication where listener_id like 'notices.%' and completion_date is null
				""").query(Long.class).single() == 0);
	}

	private ResultActions api(String path, String json) throws Exception {
		return this.mvc.perform(post(path).header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
