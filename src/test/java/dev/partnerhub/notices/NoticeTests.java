package dev.partnerhub.notices;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailCategory;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.PartnerMailFixture;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
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
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	ApplicationEventPublisher events;

	@RegisterExtension
	final PartnerMailFixture fixture = new PartnerMailFixture();

	@Test
	void approvalNoticeGoesOnceToAPartnerWithALoginAndNotToOneWithout() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		PartnerSummary withLogin = pending(program, "Lou");
		String loginEmail = this.fixture.email(withLogin);
		this.tx.executeWithoutResult(
				s -> this.accounts.createPartnerLogin(withLogin.contactId(), loginEmail, "a-long-password-1"));
		PartnerSummary without = pending(program, "Nol");

		this.partners.changeStatus(withLogin.id(), PartnerStatus.APPROVED);
		this.partners.changeStatus(without.id(), PartnerStatus.APPROVED);
		this.fixture.awaitListeners("notices");
		// delivered again (a resubmitted publication): nothing more
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new PartnerApproved(withLogin.id(), program.id())));
		this.fixture.awaitListeners("notices");
		this.delivery.deliverDue(Instant.now());

		List<MimeMessage> received = this.fixture.received(loginEmail);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).isEqualTo("You are approved as a partner of " + program.name());
		assertThat(Mailbox.body(received.get(0))).contains("Lou", "Your referral code: " + withLogin.code(),
				"http://localhost:8080/r/" + withLogin.code(), "Your partner center: http://localhost:8080/partner",
				"/mail/unsubscribe/" + withLogin.id() + ".partner-approved.");
		assertThat(received.get(0).getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		// the partner without a login gets the invitation (accounts) and not the approval
		// notice too, although the invitation made him a login (without a password)
		List<String> others = new java.util.ArrayList<>();
		for (MimeMessage message : this.fixture.received(without)) {
			others.add(Mailbox.subject(message));
		}
		assertThat(others).containsExactly("You are invited to the " + program.name() + " partner program");
	}

	@Test
	void aProgramThatTurnedTheApprovalNoticeOffSendsNone() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		this.mvc
			.perform(post("/admin/programs/" + program.id() + "/notices").with(user("admin@test.local").roles("ADMIN"))
				.with(csrf())
				.param("enabled", "new-commission", "payout-sent"))
			.andExpect(status().is3xxRedirection());
		PartnerSummary partner = pending(program, "Off");
		String email = this.fixture.email(partner);
		this.tx.executeWithoutResult(
				s -> this.accounts.createPartnerLogin(partner.contactId(), email, "a-long-password-1"));
		this.partners.changeStatus(partner.id(), PartnerStatus.APPROVED);
		this.fixture.awaitListeners("notices");
		this.delivery.deliverDue(Instant.now());
		assertThat(this.fixture.received(email)).isEmpty();
	}

	@Test
	void aTier2PartnerJoiningTellsHisParent() throws Exception {
		ProgramSummary program = this.fixture.program(2);
		PartnerSummary parent = this.fixture.partner(program, "Pam");
		String code = unique("c");
		long contact = this.contacts.create(code + "@mail.test", "Rex", "Recruit").id();
		PartnerSummary child = this.partners
			.enroll(new Enrollment(contact, program.id(), code, PartnerStatus.PENDING, parent.id(), null, null));
		this.fixture.awaitListeners("notices");
		this.tx
			.executeWithoutResult(s -> this.events.publishEvent(new dev.partnerhub.partners.PartnerCreated(child.id(),
					contact, program.id(), PartnerStatus.PENDING, false)));
		this.fixture.awaitListeners("notices");
		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> received = this.fixture.received(parent);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).isEqualTo("Rex Recruit joined " + program.name() + " under you");
	}

	@Test
	void aSaleItsApprovalAndThePayoutEachSendOneNoticeAndAnUnsubscribedCategoryIsSkipped() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		PartnerSummary partner = this.fixture.partner(program, "Mia");
		PartnerSummary quiet = this.fixture.partner(program, "Qui");
		this.partners.changePayoutEmail(partner.id(), "mia-" + partner.code() + "@paypal.test");
		this.partners.changePayoutEmail(quiet.id(), "qui-" + quiet.code() + "@paypal.test");
		this.tx.executeWithoutResult(s -> this.mail.setPreferences(quiet.id(), Map.of(MailCategory.NEW_COMMISSION,
				false, MailCategory.COMMISSION_APPROVED, false, MailCategory.PAYOUT_SENT, false)));
		String sku = this.fixture.product();
		long first = this.fixture.order(partner, sku);
		long second = this.fixture.order(partner, sku);
		long other = this.fixture.order(quiet, sku);
		this.fixture.awaitListeners("notices");
		this.fixture.api("/api/v1/commissions/approve", "{\"ids\": [" + first + ", " + second + ", " + other + "]}")
			.andExpect(status().isOk());
		this.fixture.awaitListeners("notices");
		MvcResult batch = this.fixture.api("/api/v1/payouts", "{\"program\": \"" + program.name() + "\"}").andReturn();
		long batchId = ((Number) JsonPath.read(batch.getResponse().getContentAsString(), "$.id")).longValue();
		this.fixture.api("/api/v1/payouts/" + batchId + "/paid", "{}").andExpect(status().isOk());
		this.fixture.awaitListeners("notices");
		this.delivery.deliverDue(Instant.now());

		List<MimeMessage> received = this.fixture.received(partner);
		List<String> subjects = received.stream().map(Mailbox::subject).sorted().toList();
		assertThat(subjects).containsExactly("Commission approved: 40.00 USD", "New commission: 20.00 USD",
				"New commission: 20.00 USD", "Thank you: we sent you 40.00 USD");
		MimeMessage payout = received.stream()
			.filter(m -> Mailbox.subject(m).startsWith("Thank you"))
			.findFirst()
			.orElseThrow();
		assertThat(Mailbox.body(payout)).contains("thank you for promoting " + program.name(), sku + " (tier 1): 20.00",
				"/mail/unsubscribe/" + partner.id() + ".payout-sent.");
		assertThat(this.fixture.received(quiet)).isEmpty();
	}

	private PartnerSummary pending(ProgramSummary program, String firstName) {
		String code = unique("n");
		long contact = this.contacts.create(code + "@mail.test", firstName, "Tester").id();
		return this.partners
			.enroll(new Enrollment(contact, program.id(), code, PartnerStatus.PENDING, null, null, null));
	}

}
