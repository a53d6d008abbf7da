package dev.partnerhub.automation.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.support.PartnerhubProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the sequence steps that are due: for each due enrolment (claimed with
 * {@code for update skip locked}), the step's e-mail is queued in the outbox and the
 * enrolment advanced in the same transaction; the outbox dedupe key
 * {@code sequence:{enrolment}:step:{step}} means even a replay can never queue a step
 * twice. Steps go only to approved partners (a suspended partner's step is skipped, not
 * postponed) and to leads (contacts enrolled when they opted in), whose e-mails carry
 * their unsubscribe link.
 */
@Component
public class SequenceRunner {

	private static final Logger log = LoggerFactory.getLogger(SequenceRunner.class);

	private static final int BATCH = 100;

	private final JdbcClient jdbc;

	private final Sequences sequences;

	private final PartnerApi partners;

	private final ContactApi contacts;

	private final MailApi mail;

	private final TransactionTemplate tx;

	private final boolean scheduled;

	private final Clock clock;

	SequenceRunner(JdbcClient jdbc, Sequences sequences, PartnerApi partners, ContactApi contacts, MailApi mail,
			PlatformTransactionManager transactions, PartnerhubProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.sequences = sequences;
		this.partners = partners;
		this.contacts = contacts;
		this.mail = mail;
		this.tx = new TransactionTemplate(transactions);
		this.scheduled = properties.automation().sequences().enabled();
		this.clock = clock;
	}

	/**
	 * Queues every step due at {@code now}; returns how many e-mails were queued. Tests
	 * call this directly.
	 */
	public int runDue(Instant now) {
		int queued = 0;
		for (int round = 0; round < 1_000; round++) {
			int[] result = this.tx.execute(status -> runBatch(now));
			queued += result[1];
			if (result[0] == 0) { // an enrolment with several steps due (a late run)
									// comes back in the next batch
				break;
			}
		}
		return queued;
	}

	@Scheduled(fixedDelayString = "${partnerhub.automation.sequences.interval:PT1M}",
			initialDelayString = "${partnerhub.automation.sequences.initial-delay:PT1M}")
	@SchedulerLock(name = "automation-sequences", lockAtMostFor = "PT10M")
	public void scheduled() {
		if (this.scheduled) {
			int queued = runDue(this.clock.instant());
			if (queued > 0) {
				log.info("Sequences queued {} e-mails", queued);
			}
		}
	}

	/** {claimed, queued} */
	private int[] runBatch(Instant now) {
		List<EnrolmentQueries.Enrolment> due = this.jdbc.sql("""
				select e.* from automation_enrolment e join automation_sequence s on s.id = e.sequence_id
				where e.next_due_at <= :now and e.stopped_at is null and e.completed_at is null and s.active
				order by e.next_due_at, e.id
				limit :batch
				for update of e skip locked
				""").param("now", Timestamp.from(now)).param("batch", BATCH).query(EnrolmentQueries::enrolment).list();
		int queued = 0;
		for (EnrolmentQueries.Enrolment enrolment : due) {
			List<Sequences.Step> steps = this.sequences.steps(enrolment.sequenceId());
			if (enrolment.nextStep() >= steps.size()) {
				finish(enrolment, now);
				continue;
			}
			Sequences.Step step = steps.get(enrolment.nextStep());
			if (enrolment.lead()) {
				if (queueLeadStep(enrolment, step)) {
					queued++;
				}
				advance(enrolment, steps, now);
				continue;
			}
			PartnerSummary partner = this.partners.findById(enrolment.partnerId()).orElse(null);
			if (partner != null && partner.status() == PartnerStatus.APPROVED) {
				String to = this.contacts.findById(partner.contactId()).map(ContactSummary::email).orElse(null);
				if (to != null && this.mail.queue(MailRequest.of(step.templateKey(), to)
					.forPartner(partner.id())
					.dedupe("sequence:" + enrolment.id() + ":step:" + step.id()))) {
					queued++;
				}
			}
			advance(enrolment, steps, now);
		}
		return new int[] { due.size(), queued };
	}

	/**
	 * A lead's step: to his contact's address, with his name and the unsubscribe link
	 * ({@code unsubscribeLink}) that stops his enrolment.
	 */
	private boolean queueLeadStep(EnrolmentQueries.Enrolment enrolment, Sequences.Step step) {
		ContactSummary contact = this.contacts.findById(enrolment.contactId()).orElse(null);
		if (contact == null || enrolment.unsubscribeToken() == null) {
			return false;
		}
		String unsubscribe = this.mail.baseUrl() + "/join/unsubscribe?token=" + enrolment.unsubscribeToken();
		return this.mail.queue(MailRequest.of(step.templateKey(), contact.email())
			.with("firstName", contact.firstName() == null ? "" : contact.firstName())
			.with("lastName", contact.lastName() == null ? "" : contact.lastName())
			.with("email", contact.email())
			.with("unsubscribeLink", unsubscribe)
			.unsubscribeAt(unsubscribe)
			.dedupe("sequence:" + enrolment.id() + ":step:" + step.id()));
	}

	private void advance(EnrolmentQueries.Enrolment enrolment, List<Sequences.Step> steps, Instant now) {
		int next = enrolment.nextStep() + 1;
		if (next >= steps.size()) {
			this.jdbc.sql("""
					update automation_enrolment set next_step = :next, next_due_at = null, completed_at = :now
					where id = :id
					""").param("next", next).param("now", Timestamp.from(now)).param("id", enrolment.id()).update();
		}
		else {
			this.jdbc.sql("update automation_enrolment set next_step = :next, next_due_at = :due where id = :id")
				.param("next", next)
				.param("due", Timestamp.from(enrolment.startedAt().plus(steps.get(next).offset())))
				.param("id", enrolment.id())
				.update();
		}
	}

	private void finish(EnrolmentQueries.Enrolment enrolment, Instant now) {
		this.jdbc.sql("update automation_enrolment set next_due_at = null, completed_at = :now where id = :id")
			.param("now", Timestamp.from(now))
			.param("id", enrolment.id())
			.update();
	}

}
