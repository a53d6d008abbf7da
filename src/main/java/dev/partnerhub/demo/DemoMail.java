package dev.partnerhub.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.automation.SequenceImport;
import dev.partnerhub.mail.TemplateImport;

import org.springframework.stereotype.Component;

/**
 * Demo e-mail automation: the "Partner welcome" sequence (day 3: tips for the first sale,
 * day 7: promo tools) that every newly approved partner joins, and milestone templates
 * ("first sale", "first $100") for rules to send. The demo partner Jane joined the
 * sequence four days ago, so the outbox shows her day-3 e-mail after the first run. (The
 * welcome e-mail itself is the system template sent when a sign-up is verified.)
 */
@Component
class DemoMail {

	private final TemplateImport templates;

	private final SequenceImport sequences;

	DemoMail(TemplateImport templates, SequenceImport sequences) {
		this.templates = templates;
		this.sequences = sequences;
	}

	void seed(Instant now, long janePartnerId, long launchProgramId) {
		template("sequence-first-sale-tips", "Welcome sequence: first sale tips",
				"Three ways to your first sale, {{firstName}}", """
						Hello {{firstName}},

						partners who earn quickly do three things in their first week:

						1. Share your link where your audience already is: {{referralLink}}
						2. Tell your own story with the product; honest reviews convert best.
						3. Recruit other partners with your sign-up link and earn on their sales too: {{signupLink}}

						Your partner center: {{partnerCenterUrl}}
						""");
		template("sequence-promo-tools", "Welcome sequence: promo tools", "Ready-made banners and e-mails for you", """
				Hello {{firstName}},

				we prepared promo tools for {{programName}}; each link below is already tracked for you:
				{{#each promoTools as tool}}
				- {{tool.name}}: {{tool.link}}{{/each}}

				Pending commissions so far: {{pendingTotal}} {{currency}}.
				""");
		template("milestone-first-sale", "Milestone: first sale", "You made your first sale!", """
				Congratulations {{firstName}}!

				You earned your first commission with {{programName}}. Pending: {{pendingTotal}} {{currency}}.
				Keep going: {{partnerCenterUrl}}
				""");
		template("milestone-first-100", "Milestone: first $100", "You passed $100 in commissions", """
				Well done {{firstName}}!

				Your commissions passed 100 {{currency}}: {{approvedTotal}} approved, {{paidTotal}} paid.
				""");
		long sequence = this.sequences.importSequence("Partner welcome", true, now,
				List.of(new SequenceImport.Step(3, "sequence-first-sale-tips"),
						new SequenceImport.Step(7, "sequence-promo-tools")));
		// launch e-mails to leads: everyone who opts in through /join for the first
		// program
		template("launch-1-welcome", "Launch: welcome", "You're on the list, {{firstName}}", """
				Hello {{firstName}},

				thanks for signing up: the launch is close, and you will hear from us first.

				Not interested any more? Unsubscribe: {{unsubscribeLink}}
				""");
		template("launch-2-preview", "Launch: sneak preview", "A first look before everyone else", """
				Hello {{firstName}},

				here is what we have been building, and why it will save you time every week.

				Unsubscribe: {{unsubscribeLink}}
				""");
		template("launch-3-open", "Launch: doors open", "We are live: your early-bird price is waiting", """
				Hello {{firstName}},

				the doors are open. As one of the first on the list, your early-bird price holds for 48 hours.

				Unsubscribe: {{unsubscribeLink}}
				""");
		this.sequences.importLeadSequence("Launch e-mails to leads", launchProgramId, now,
				List.of(new SequenceImport.Step(0, "launch-1-welcome"), new SequenceImport.Step(3, "launch-2-preview"),
						new SequenceImport.Step(7, "launch-3-open")));
		Instant started = now.minus(Duration.ofDays(4));
		this.sequences.importEnrolment(sequence, janePartnerId, started, started.plus(Duration.ofDays(3)));
	}

	private void template(String key, String name, String subject, String body) {
		this.templates.importTemplate(key, name, subject, body);
	}

}
