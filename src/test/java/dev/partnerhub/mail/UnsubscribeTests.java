package dev.partnerhub.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Non-transactional e-mail carries a signed one-click unsubscribe link (RFC 8058 headers)
 * that works without a login and only ever turns that category off for that partner.
 */
@IntegrationTest
class UnsubscribeTests {

	@Autowired
	MailApi mail;

	@Autowired
	MailDelivery delivery;

	@Autowired
	MailTemplates templates;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	MockMvc mvc;

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
	void aNoticeCarriesListUnsubscribeHeadersAndOneClickPostTurnsOnlyThatCategoryOff() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary partner = MailFixtures.partner(this.contacts, this.partners, program, "Una");
		String to = MailFixtures.email(this.contacts, partner);
		String key = unique("u-");
		this.templates.create(key, "Notice", "News for {{firstName}}", "Hello {{firstName}}.");

		assertThat(queue(key, to, partner, MailCategory.ANNOUNCEMENTS, "a1")).isTrue();
		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> received = Mailbox.to(this.greenMail, to);
		assertThat(received).hasSize(1);
		MimeMessage message = received.get(0);
		String header = message.getHeader("List-Unsubscribe", null);
		assertThat(header).startsWith("<http://localhost:8080/mail/unsubscribe/" + partner.id() + ".announcements.")
			.endsWith(">");
		assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		String link = header.substring(1, header.length() - 1);
		assertThat(Mailbox.body(message)).contains("Hello Una.", "Unsubscribe: " + link);
		String path = link.substring("http://localhost:8080".length());

		// a GET (mail scanners open links) only asks
		this.mvc.perform(get(path))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Unsubscribe")));
		assertThat(this.mail.subscribed(partner.id(), MailCategory.ANNOUNCEMENTS)).isTrue();

		// the one-click POST a mail client sends: no session, no CSRF token
		this.mvc
			.perform(post(path).contentType("application/x-www-form-urlencoded").content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You are unsubscribed")));
		this.mvc.perform(post(path)).andExpect(status().isOk()); // idempotent
		assertThat(this.mail.subscribed(partner.id(), MailCategory.ANNOUNCEMENTS)).isFalse();
		assertThat(this.mail.subscribed(partner.id(), MailCategory.PAYOUT_SENT)).isTrue();

		assertThat(queue(key, to, partner, MailCategory.ANNOUNCEMENTS, "a2")).as("skipped: unsubscribed").isFalse();
		assertThat(queue(key, to, partner, MailCategory.PAYOUT_SENT, "a3")).isTrue();
		this.delivery.deliverDue(Instant.now());
		assertThat(Mailbox.to(this.greenMail, to)).hasSize(2);
	}

	@Test
	void forgedOrAlteredTokensAre4xxAndChangeNothing() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary partner = MailFixtures.partner(this.contacts, this.partners, program, "Fay");
		PartnerSummary other = MailFixtures.partner(this.contacts, this.partners, program, "Oto");
		String to = MailFixtures.email(this.contacts, partner);
		String key = unique("u-");
		this.templates.create(key, "Notice", "News", "Hello.");
		queue(key, to, partner, MailCategory.ANNOUNCEMENTS, "f1");
		this.delivery.deliverDue(Instant.now());
		String header = Mailbox.to(this.greenMail, to).get(0).getHeader("List-Unsubscribe", null);
		String token = header.substring(header.lastIndexOf('/') + 1, header.length() - 1);
		String signature = token.substring(token.lastIndexOf('.') + 1);

		List<String> forged = List.of(other.id() + ".announcements." + signature, // another
																					// partner
				partner.id() + ".payout-sent." + signature, // another category
				partner.id() + ".announcements." + signature.substring(1) + "A", // altered
				partner.id() + ".announcements", "x.announcements." + signature, "..", "-1.announcements." + signature);
		for (String bad : forged) {
			this.mvc.perform(post("/mail/unsubscribe/" + bad)).andExpect(status().is4xxClientError());
			this.mvc.perform(get("/mail/unsubscribe/" + bad)).andExpect(status().is4xxClientError());
		}
		assertThat(this.mail.preferences(partner.id())).allSatisfy((c, on) -> assertThat(on).isTrue());
		assertThat(this.mail.preferences(other.id())).allSatisfy((c, on) -> assertThat(on).isTrue());
	}

	@Test
	void transactionalMailHasNoUnsubscribeAndIsSentToUnsubscribedPartners() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary partner = MailFixtures.partner(this.contacts, this.partners, program, "Tia");
		String to = MailFixtures.email(this.contacts, partner);
		this.tx.executeWithoutResult(s -> this.mail.setPreferences(partner.id(),
				Map.of(MailCategory.ANNOUNCEMENTS, false, MailCategory.PARTNER_APPROVED, false)));
		this.tx.execute(s -> this.mail
			.queue(MailRequest.of("password-reset", to).forPartner(partner.id()).with("link", "http://x/reset")));
		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> received = Mailbox.to(this.greenMail, to);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).getHeader("List-Unsubscribe")).isNull();
		assertThat(Mailbox.body(received.get(0))).doesNotContain("/mail/unsubscribe/");
	}

	private boolean queue(String key, String to, PartnerSummary partner, MailCategory category, String dedupe) {
		return this.tx.execute(s -> this.mail.queue(MailRequest.of(key, to)
			.forPartner(partner.id())
			.category(category)
			.dedupe(unique("test:" + dedupe + ":"))));
	}

}
