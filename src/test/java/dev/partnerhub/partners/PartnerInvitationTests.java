package dev.partnerhub.partners;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerInvitations;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 17, access for every partner: a partner without a login is invited when he is
 * approved (unless the admin says not to), exactly once per approval, and admins see and
 * act on each partner's access state. E-mails are read from GreenMail.
 */
@IntegrationTest
class PartnerInvitationTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	ContactApi contacts;

	@Autowired
	PartnerService partners;

	@Autowired
	AccountApi accounts;

	@Autowired
	PartnerInvitations invitations;

	@Autowired
	MailDelivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aContactAddedOnTheReferralInfoTabIsInvitedOnceWithASetPasswordLink() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		ContactSummary contact = contact("tab");
		this.mvc
			.perform(post("/admin/contacts/{id}/referral/program", contact.id()).param("programId", "" + program.id())
				.param("_sendInvitation", "on")
				.param("sendInvitation", "true")
				.with(csrf())
				.with(ADMIN))
			.andExpect(status().is3xxRedirection());

		List<MimeMessage> received = delivered(contact.email());
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).contains(program.name());
		String link = Mailbox.link(received.get(0), "/account/set-password");
		assertThat(link).contains("token=");
		PartnerSummary partner = this.partners.findByContactId(contact.id()).orElseThrow();
		this.mvc.perform(get("/admin/partners/{id}", partner.id()).with(ADMIN))
			.andExpect(content().string(containsString("Re-send invitation")));
		this.mvc.perform(get("/api/v1/partners/{code}", partner.code()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(jsonPath("$.access").value("invited"));

		// approving again (he is approved already) or suspending and re-approving sends
		// nothing more: his login exists
		this.partners.changeStatus(partner.id(), PartnerStatus.SUSPENDED);
		this.partners.changeStatus(partner.id(), PartnerStatus.APPROVED);
		assertThat(delivered(contact.email())).hasSize(1);
	}

	@Test
	void untickingSendInvitationOnTheReferralInfoTabSendsNothing() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		ContactSummary contact = contact("notab");
		this.mvc
			.perform(post("/admin/contacts/{id}/referral/program", contact.id()).param("programId", "" + program.id())
				.param("_sendInvitation", "on")
				.with(csrf())
				.with(ADMIN))
			.andExpect(status().is3xxRedirection());
		assertThat(delivered(contact.email())).isEmpty();
		assertThat(this.accounts.hasLogin(contact.email())).isFalse();
		PartnerSummary partner = this.partners.findByContactId(contact.id()).orElseThrow();
		this.mvc.perform(get("/api/v1/partners/{code}", partner.code()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(jsonPath("$.access").value("none"));
	}

	@Test
	void aPendingPartnerFromTheApiIsInvitedWhenApprovedNotBefore() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String email = unique("pending") + "@invite.test";
		String code = unique("pend");
		this.mvc
			.perform(post("/api/v1/partners").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"email": "%s", "firstName": "Pen", "lastName": "Ding", "program": "%s", "code": "%s",
						 "status": "pending"}
						""".formatted(email, program.name(), code)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.access").value("none"));
		assertThat(delivered(email)).isEmpty();

		long id = this.partners.findByCode(code).orElseThrow().id();
		// the approve form's checkbox ticked
		this.mvc
			.perform(post("/admin/partners/{id}/approve", id).param("_sendInvitation", "on")
				.param("sendInvitation", "true")
				.with(csrf())
				.with(ADMIN))
			.andExpect(status().is3xxRedirection());
		assertThat(delivered(email)).hasSize(1);
		assertThat(Mailbox.body(delivered(email).get(0))).contains("Pen");
	}

	@Test
	void theApiCanSayNotToInviteAndTheApproveFormCanToo() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String email = unique("quiet") + "@invite.test";
		String code = unique("qt");
		this.mvc
			.perform(post("/api/v1/partners").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"email": "%s", "program": "%s", "code": "%s", "sendInvitation": false}
						""".formatted(email, program.name(), code)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("approved"))
			.andExpect(jsonPath("$.access").value("none"));

		ContactSummary contact = contact("unticked");
		PartnerSummary pending = this.partners
			.enroll(new Enrollment(contact.id(), program.id(), null, PartnerStatus.PENDING, null, null, null));
		this.mvc
			.perform(post("/admin/partners/{id}/approve", pending.id()).param("_sendInvitation", "on")
				.with(csrf())
				.with(ADMIN))
			.andExpect(status().is3xxRedirection());
		assertThat(delivered(email)).isEmpty();
		assertThat(delivered(contact.email())).isEmpty();
		assertThat(this.partners.findById(pending.id()).orElseThrow().status()).isEqualTo(PartnerStatus.APPROVED);
	}

	@Test
	void aPartnerWithALoginGetsNoInvitationWhenApproved() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		ContactSummary contact = contact("haslogin");
		PartnerSummary pending = this.partners
			.enroll(new Enrollment(contact.id(), program.id(), null, PartnerStatus.PENDING, null, null, null));
		this.accounts.createPartnerLogin(contact.id(), contact.email(), "has-a-password-1");
		this.partners.changeStatus(pending.id(), PartnerStatus.APPROVED);
		assertThat(delivered(contact.email())).isEmpty();
	}

	@Test
	void parallelApprovalsSendOneInvitation() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		for (int round = 0; round < 3; round++) {
			ContactSummary contact = contact("race");
			PartnerSummary pending = this.partners
				.enroll(new Enrollment(contact.id(), program.id(), null, PartnerStatus.PENDING, null, null, null));
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					done.add(pool.submit(() -> {
						start.await();
						try {
							this.partners.changeStatus(pending.id(), PartnerStatus.APPROVED);
						}
						catch (org.springframework.dao.OptimisticLockingFailureException ex) {
							// the other approval won: fine
						}
						return null;
					}));
				}
				start.countDown();
				for (Future<?> f : done) {
					f.get();
				}
			}
			finally {
				pool.shutdown();
			}
			assertThat(this.jdbc.sql(
					"select count(*) from mail_message where lower(to_address) = lower(:to) and template_key = 'partner-invitation'")
				.param("to", contact.email())
				.query(Long.class)
				.single()).isEqualTo(1);
		}
	}

	@Test
	void reSendingMakesANewLinkAndTheOldOneStopsWorking() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		ContactSummary contact = contact("resend");
		PartnerSummary partner = this.partners
			.enrollFromConsole(new Enrollment(contact.id(), program.id(), null, null, null, null, null), true);
		String first = path(Mailbox.link(delivered(contact.email()).get(0), "/account/set-password"));

		this.mvc.perform(post("/admin/partners/{id}/invite", partner.id()).with(csrf()).with(ADMIN))
			.andExpect(status().is3xxRedirection());
		List<MimeMessage> received = delivered(contact.email());
		assertThat(received).hasSize(2);
		String second = path(Mailbox.link(received.get(1), "/account/set-password"));
		assertThat(second).isNotEqualTo(first);
		this.mvc.perform(get(first)).andExpect(status().isBadRequest());
		this.mvc.perform(get(second)).andExpect(status().isOk());
	}

	@Test
	void theListShowsAndFiltersByAccess() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary invited = this.partners
			.enrollFromConsole(new Enrollment(contact("linv").id(), program.id(), null, null, null, null, null), true);
		PartnerSummary never = this.partners
			.enroll(new Enrollment(contact("lnone").id(), program.id(), null, null, null, null, null));
		ContactSummary activeContact = contact("lact");
		PartnerSummary active = this.partners
			.enroll(new Enrollment(activeContact.id(), program.id(), null, null, null, null, "active-password-1"));

		this.mvc.perform(get("/admin/partners").param("program", "" + program.id()).with(ADMIN))
			.andExpect(content().string(containsString("never invited")))
			.andExpect(content().string(containsString(">invited<")))
			.andExpect(content().string(containsString(">active<")));
		this.mvc
			.perform(get("/admin/partners").param("program", "" + program.id()).param("access", "invited").with(ADMIN))
			.andExpect(content().string(containsString(invited.code())))
			.andExpect(content().string(not(containsString(never.code()))))
			.andExpect(content().string(not(containsString(active.code()))));
		this.mvc.perform(get("/admin/partners").param("program", "" + program.id()).param("access", "none").with(ADMIN))
			.andExpect(content().string(containsString(never.code())))
			.andExpect(content().string(not(containsString(invited.code()))));
		this.mvc
			.perform(get("/admin/partners").param("program", "" + program.id()).param("access", "active").with(ADMIN))
			.andExpect(content().string(containsString(active.code())))
			.andExpect(content().string(not(containsString(never.code()))));
	}

	@Test
	void anInvitationExpiresAfterSevenDays() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary invited = this.partners
			.enrollFromConsole(new Enrollment(contact("exp").id(), program.id(), null, null, null, null, null), true);
		this.jdbc.sql("""
				update account_token set expires_at = now() - interval '1 minute'
				where purpose = 'invite' and account_id = (select u.id from user_account u
				  join contact c on c.id = u.contact_id join partner p on p.contact_id = c.id where p.id = :id)
				""").param("id", invited.id()).update();
		this.mvc.perform(get("/api/v1/partners/{code}", invited.code()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(jsonPath("$.access").value("expired"));
		this.mvc
			.perform(get("/admin/partners").param("program", "" + program.id()).param("access", "expired").with(ADMIN))
			.andExpect(content().string(containsString(invited.code())))
			.andExpect(content().string(containsString("invitation expired")));
	}

	@Test
	void invitingSelectedRowsRunsAsAJobAndSkipsActiveAndPendingPartners() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		ContactSummary neverContact = contact("bnone");
		PartnerSummary never = this.partners
			.enroll(new Enrollment(neverContact.id(), program.id(), null, null, null, null, null));
		ContactSummary activeContact = contact("bact");
		PartnerSummary active = this.partners
			.enroll(new Enrollment(activeContact.id(), program.id(), null, null, null, null, "active-password-1"));
		ContactSummary pendingContact = contact("bpend");
		PartnerSummary pending = this.partners
			.enroll(new Enrollment(pendingContact.id(), program.id(), null, PartnerStatus.PENDING, null, null, null));

		MvcResult result = this.mvc
			.perform(post("/admin/partners/invite").param("scope", "selected")
				.param("ids", "" + never.id(), "" + active.id(), "" + pending.id())
				.with(csrf())
				.with(ADMIN))
			.andExpect(redirectedUrlPattern("/admin/partners/invitations/*"))
			.andReturn();
		long jobId = Long.parseLong(result.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
		PartnerInvitations.InviteJob job = awaitFinished(jobId);
		assertThat(job.sent()).isEqualTo(1);
		assertThat(job.skipped()).isEqualTo(2);
		this.mvc.perform(get("/admin/partners/invitations/{id}", jobId).with(ADMIN))
			.andExpect(content().string(containsString("1 invited")))
			.andExpect(content().string(containsString("2 skipped")));
		assertThat(invitations(neverContact.email())).hasSize(1);
		// the active partner may have his approval notice (notices), never an invitation
		assertThat(invitations(activeContact.email())).isEmpty();
		assertThat(delivered(pendingContact.email())).isEmpty();
	}

	private List<String> invitations(String email) throws Exception {
		List<String> subjects = new java.util.ArrayList<>();
		for (MimeMessage message : delivered(email)) {
			if (Mailbox.subject(message).startsWith("You are invited")) {
				subjects.add(Mailbox.subject(message));
			}
		}
		return subjects;
	}

	@Test
	void invitingEveryoneMatchingTheFilterReSendsToTheInvitedAndInvitesTheRest() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		ContactSummary a = contact("fa");
		this.partners.enrollFromConsole(new Enrollment(a.id(), program.id(), null, null, null, null, null), true);
		ContactSummary b = contact("fb");
		this.partners.enroll(new Enrollment(b.id(), program.id(), null, null, null, null, null));
		MvcResult result = this.mvc
			.perform(post("/admin/partners/invite").param("scope", "filter")
				.param("program", "" + program.id())
				.with(csrf())
				.with(ADMIN))
			.andExpect(redirectedUrlPattern("/admin/partners/invitations/*"))
			.andReturn();
		long jobId = Long.parseLong(result.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
		assertThat(awaitFinished(jobId).sent()).isEqualTo(2);
		assertThat(delivered(a.email())).hasSize(2);
		assertThat(delivered(b.email())).hasSize(1);
		this.mvc
			.perform(get("/admin/partners").param("program", "" + program.id()).param("access", "invited").with(ADMIN))
			.andExpect(content().string(containsString(a.email())))
			.andExpect(content().string(containsString(b.email())));
	}

	@Test
	void bulkInvitingNothingSelectedIsAClearError() throws Exception {
		this.mvc.perform(post("/admin/partners/invite").param("scope", "selected").with(csrf()).with(ADMIN))
			.andExpect(redirectedUrlPattern("/admin/partners*"))
			.andExpect(result -> assertThat(result.getFlashMap().get("error").toString())
				.contains("Select at least one partner"));
		this.mvc.perform(post("/admin/partners/invite").param("ids", "x").with(csrf()).with(ADMIN))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/admin/partners/invitations/nope").with(ADMIN)).andExpect(status().isNotFound());
	}

	private PartnerInvitations.InviteJob awaitFinished(long id) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.invitations.find(id).map(j -> !j.job().active()).orElse(false));
		return this.invitations.find(id).orElseThrow();
	}

	private ContactSummary contact(String prefix) {
		return this.contacts.upsert(unique(prefix) + "@invite.test", "Ina", "Vite");
	}

	private List<MimeMessage> delivered(String email) {
		this.delivery.deliverDue(Instant.now().plusSeconds(1));
		return Mailbox.to(greenMail, email);
	}

	private static String path(String link) {
		return link.replaceFirst("https?://[^/]+", "");
	}

}
