package dev.partnerhub.demo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo e-mail automation: the "Partner welcome" sequence (day 3: tips for the first sale, day 7: promo tools) that
 * every newly approved partner joins, and milestone templates ("first sale", "first $100") for rules to send. The
 * demo partner Jane joined the sequence four days ago, so the outbox shows her day-3 e-mail after the first run.
 * (The welcome e-mail itself is the system template sent when a sign-up is verified.)
 */
@Component
class DemoMail {

	private final JdbcClient jdbc;

	DemoMail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void seed(Instant now) {
		template("sequence-first-sale-tips", "Welcome sequence: first sale tips", "Three ways to your first sale, [[${firstName}]]", """
				Hello [[${firstName}]],

				partners who earn quickly do three things in their first week:

				1. Share your link where your audience already is: [[${referralLink}]]
				2. Tell your own story with the product; honest reviews convert best.
				3. Recruit other partners with your sign-up link and earn on their sales too: [[${signupLink}]]

				Your partner center: [[${partnerCenterUrl}]]
				""");
		template("sequence-promo-tools", "Welcome sequence: promo tools", "Ready-made banners and e-mails for you", """
				Hello [[${firstName}]],

				we prepared promo tools for [[${programName}]]; each link below is already tracked for you:
				[# th:each="tool : ${promoTools}"]
				- [[${tool.name}]]: [[${tool.link}]][/]

				Pending commissions so far: [[${pendingTotal}]] [[${currency}]].
				""");
		template("milestone-first-sale", "Milestone: first sale", "You made your first sale!", """
				Congratulations [[${firstName}]]!

				You earned your first commission with [[${programName}]]. Pending: [[${pendingTotal}]] [[${currency}]].
				Keep going: [[${partnerCenterUrl}]]
				""");
		template("milestone-first-100", "Milestone: first $100", "You passed $100 in commissions", """
				Well done [[${firstName}]]!

				Your commissions passed 100 [[${currency}]]: [[${approvedTotal}]] approved, [[${paidTotal}]] paid.
				""");
		long sequence = this.jdbc.sql("""
				insert into automation_sequence (name, active, enrol_on_approval, created_at)
				values ('Partner welcome', true, true, :now) returning id
				""").param("now", Timestamp.from(now)).query(Long.class).single();
		this.jdbc.sql("""
				insert into automation_sequence_step (sequence_id, day_offset, template_key)
				values (:s, 3, 'sequence-first-sale-tips'), (:s, 7, 'sequence-promo-tools')
				""").param("s", sequence).update();
		Instant started = now.minus(Duration.ofDays(4));
		this.jdbc.sql("""
				insert into automation_enrolment (sequence_id, partner_id, started_at, next_step, next_due_at)
				select :s, p.id, :started, 0, :due from partner p join contact c on c.id = p.contact_id
				where c.email = 'jane.cooper@example.com'
				""")
			.param("s", sequence)
			.param("started", Timestamp.from(started))
			.param("due", Timestamp.from(started.plus(Duration.ofDays(3))))
			.update();
	}

	private void template(String key, String name, String subject, String body) {
		this.jdbc.sql("""
				insert into mail_template (template_key, name, subject, body) values (:key, :name, :subject, :body)
				on conflict (lower(template_key)) do nothing
				""").param("key", key).param("name", name).param("subject", subject).param("body", body).update();
	}

}
