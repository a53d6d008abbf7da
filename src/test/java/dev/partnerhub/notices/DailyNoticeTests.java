package dev.partnerhub.notices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.PartnerMailFixture;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.notices.domain.AdminNotices;
import dev.partnerhub.notices.domain.Notices;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramSummary;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The scheduled notices (daily digest, payouts due) delivered to GreenMail: content and
 * exactly one per recipient and day, also when the job runs twice or concurrently.
 */
@IntegrationTest
class DailyNoticeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MailDelivery delivery;

	@Autowired
	AccountApi accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AdminNotices adminNotices;

	@Autowired
	Notices notices;

	@Autowired
	dev.partnerhub.rollups.domain.ContestService contestService;

	@Autowired
	Clock clock;

	@Autowired
	TransactionTemplate tx;

	@RegisterExtension
	final PartnerMailFixture fixture = new PartnerMailFixture();

	@Test
	void aDigestPartnerGetsOneDailyE_mailListingTheDaysCommissionsInsteadOfEachOne() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		PartnerSummary digest = this.fixture.partner(program, "Dig");
		PartnerSummary each = this.fixture.partner(program, "Eac");
		PartnerSummary quiet = this.fixture.partner(program, "Qui");
		PartnerSummary idle = this.fixture.partner(program, "Idl");
		choose(digest, "daily", "new-commission");
		choose(quiet, "daily");
		choose(idle, "daily", "new-commission");
		this.mvc.perform(get("/partner/emails").with(user(this.fixture.email(digest)).roles("PARTNER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"commission-daily\" checked=\"checked\">")))
			.andExpect(content().string(containsString("id=\"commission-each\">")));
		String sku = this.fixture.product();
		this.fixture.order(digest, sku);
		this.fixture.order(digest, sku);
		this.fixture.order(each, sku);
		this.fixture.order(quiet, sku);
		this.fixture.awaitListeners("notices");
		this.delivery.deliverDue(Instant.now());
		assertThat(this.fixture.received(digest)).isEmpty();
		assertThat(this.fixture.received(each)).hasSize(1);

		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> this.notices.sendCommissionDigests(today));
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> this.notices.sendCommissionDigests(today));
		one.get();
		two.get();
		this.notices.sendCommissionDigests(today);
		deliverUntil(this.fixture.email(digest));

		List<MimeMessage> received = this.fixture.received(digest);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).isEqualTo("Your new commissions of " + today);
		assertThat(Mailbox.body(received.get(0))).contains("Dig", "2 new commission(s) on " + today,
				"- 20.00 USD, " + sku + " (tier 1)", "/mail/unsubscribe/" + digest.id() + ".new-commission.");
		assertThat(received.get(0).getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(received.get(0).getHeader("List-Unsubscribe", null)).contains("/mail/unsubscribe/");
		// the each-one partner got no digest, the unsubscribed one nothing, the idle one
		// nothing
		assertThat(this.fixture.received(each)).hasSize(1);
		assertThat(this.fixture.received(quiet)).isEmpty();
		assertThat(this.fixture.received(idle)).isEmpty();
	}

	void choose(PartnerSummary partner, String frequency, String... subscribed) throws Exception {
		String email = this.fixture.email(partner);
		this.tx.executeWithoutResult(
				s -> this.accounts.createPartnerLogin(partner.contactId(), email, "a-long-password-1"));
		this.mvc
			.perform(post("/partner/emails").with(user(this.fixture.email(partner)).roles("PARTNER"))
				.with(csrf())
				.param("commissionFrequency", frequency)
				.param("subscribed", subscribed))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void adminsGetOnePayoutsDueNoticePerDayWithTheAmountsAndTheLink() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		PartnerSummary partner = this.fixture.partner(program, "Due");
		String sku = this.fixture.product();
		long commission = this.fixture.order(partner, sku);
		this.fixture.awaitListeners("notices");
		this.fixture.api("/api/v1/commissions/approve", "{\"ids\": [" + commission + "]}").andExpect(status().isOk());
		this.fixture.awaitListeners("notices");

		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(this.adminNotices::sendPayoutsDue);
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(this.adminNotices::sendPayoutsDue);
		int queued = one.get() + two.get() + this.adminNotices.sendPayoutsDue();
		List<String> admins = this.accounts.adminEmails();
		assertThat(admins).isNotEmpty();
		assertThat(queued).isEqualTo(admins.size());
		for (String admin : admins) {
			deliverUntil(admin);
		}

		for (String admin : admins) {
			List<MimeMessage> received = this.fixture.received(admin)
				.stream()
				.filter(m -> Mailbox.subject(m).startsWith("Payouts due: "))
				.toList();
			assertThat(received).hasSize(1);
			assertThat(Mailbox.subject(received.get(0))).contains(" USD");
			assertThat(Mailbox.body(received.get(0))).containsPattern("- \\d+\\.\\d{2} USD")
				.contains("Next payout day: ", "http://localhost:8080/admin/payouts");
		}
	}

	@Test
	void aContestsStartAndEndAreEachAnnouncedOnceToTheProgramsPartnersTheEndWithTheirRank() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		PartnerSummary winner = this.fixture.partner(program, "Win");
		PartnerSummary idle = this.fixture.partner(program, "Idl");
		String sku = this.fixture.product();
		LocalDate today = this.contestService.today();
		// a running contest that started today: a start notice, once, however often the
		// check runs
		dev.partnerhub.rollups.Contest running = this.contestService
			.create(new dev.partnerhub.rollups.domain.ContestDraft(unique("Spring sprint "), program.id(), List.of(sku),
					today, today.plusDays(6), true, "amount", null));
		// an ended one with a sale of the winner in it
		this.fixture
			.api("/api/v1/orders",
					"""
							{"orderId": "%s", "email": "%s@buyer.test", "referral": "%s", "currency": "USD",
							 "occurredAt": "%s",
							 "items": [{"sku": "%s", "quantity": 2, "unitPrice": "100.00"}]}""".formatted(unique("o-"),
							unique("b"), winner.code(),
							today.minusDays(3).atStartOfDay(ZoneOffset.UTC).plusHours(12).toInstant(), sku))
			.andExpect(status().isCreated());
		dev.partnerhub.rollups.Contest ended = this.contestService
			.create(new dev.partnerhub.rollups.domain.ContestDraft(unique("Winter cup "), program.id(), List.of(sku),
					today.minusDays(5), today.minusDays(1), true, "amount", null));
		org.awaitility.Awaitility.await("the ended contest's standings")
			.atMost(java.time.Duration.ofSeconds(60))
			.until(() -> this.contestService.rankOf(ended.id(), winner.id())
				.filter(e -> e.value().signum() > 0)
				.isPresent());

		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> this.notices.sendContestNotices(today));
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> this.notices.sendContestNotices(today));
		one.get();
		two.get();
		this.notices.sendContestNotices(today);
		this.delivery.deliverDue(Instant.now().plusSeconds(1));

		for (PartnerSummary partner : List.of(winner, idle)) {
			List<MimeMessage> received = this.fixture.received(partner);
			List<String> subjects = new java.util.ArrayList<>();
			received = received.stream().filter(m -> subjectOf(m).startsWith("The contest ")).toList();
			for (MimeMessage message : received) {
				subjects.add(Mailbox.subject(message));
			}
			assertThat(subjects).containsExactlyInAnyOrder("The contest " + running.name() + " has started",
					"The contest " + ended.name() + " has ended");
			for (MimeMessage message : received) {
				assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
				assertThat(Mailbox.body(message)).contains("/mail/unsubscribe/" + partner.id() + ".contests.");
			}
		}
		MimeMessage won = this.fixture.received(winner)
			.stream()
			.filter(m -> subjectOf(m).endsWith("has ended"))
			.findFirst()
			.orElseThrow();
		assertThat(Mailbox.body(won)).contains("Your result: rank 1 of ");
		MimeMessage notRanked = this.fixture.received(idle)
			.stream()
			.filter(m -> subjectOf(m).endsWith("has ended"))
			.findFirst()
			.orElseThrow();
		assertThat(Mailbox.body(notRanked)).contains("Your result: not ranked");

		// the next day's check sends these partners nothing new (other tests' contests in
		// the shared database may still have mail due, so count this test's partners)
		this.notices.sendContestNotices(today.plusDays(1));
		this.delivery.deliverDue(Instant.now().plusSeconds(2));
		assertThat(this.fixture.received(winner).stream().filter(m -> subjectOf(m).startsWith("The contest ")))
			.hasSize(2);
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return Mailbox.subject(message);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Delivers until the outbox has nothing queued for {@code to} (the shared outbox may
	 * hold more than one delivery run of other tests' messages).
	 */
	void deliverUntil(String to) {
		Awaitility.await("delivery to " + to).atMost(Duration.ofSeconds(60)).until(() -> {
			this.delivery.deliverDue(Instant.now());
			return this.jdbc
				.sql("select count(*) from mail_message where lower(to_address) = lower(:to) and status = 'queued'")
				.param("to", to)
				.query(Long.class)
				.single() == 0;
		});
	}

}
