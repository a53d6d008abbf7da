package dev.partnerhub.mail.domain;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The templates the application sends itself, created at start-up when missing (an
 * admin's edits are kept), written in the merge syntax ({@code {{firstName}}},
 * {@code {{#if …}}}, {@code {{#each …}}}; {@code support.merge.MergeText}). Rows stored
 * in the old Thymeleaf syntax were rewritten by {@code V42__merge_syntax.sql}.
 */
@Component
class DefaultTemplates implements ApplicationRunner {

	static final List<Default> DEFAULTS = List.of(
			new Default("email-verification", "Sign-up: confirm e-mail address",
					"Confirm your e-mail address for {{programName}}", """
							Hello {{firstName}},

							thank you for signing up as a partner of {{programName}}. Please confirm your e-mail address
							by opening this link (it is valid for 48 hours):

							{{link}}

							If you did not sign up, ignore this message.
							"""),
			new Default("partner-welcome", "Sign-up: welcome", "Welcome to {{programName}}, {{firstName}}!",
					"""
							Hello {{firstName}},

							your e-mail address is confirmed. Welcome to {{programName}}!
							{{#if status == "pending"}}
							We review every new partner; we will let you know when your account is approved. You can already log in.
							{{/if}}
							Log in to your partner center: {{partnerCenterUrl}}
							Your login: {{email}} (with the password you chose; forgot it? {{resetPasswordUrl}})

							Your referral code: {{code}}
							Your tracked link: {{referralLink}}
							Recruit partners under you: {{signupLink}}
							{{#if hasPromoTools}}
							Promo tools:
							{{#each promoTools as tool}}- {{tool.name}}: {{tool.link}}
							{{/each}}{{/if}}
							"""),
			new Default("partner-invitation", "Invitation to the partner center",
					"You are invited to the {{programName}} partner program", """
							Hello {{firstName}},

							you have been added as a partner of {{programName}}. Choose your password here
							(the link is valid for 7 days) and log in to your partner center:

							{{link}}

							Your login: {{email}}
							Your referral code: {{code}}
							Your tracked link: {{referralLink}}
							"""),
			new Default("team-invitation", "Team: invitation to the console",
					"You are invited to the Partnerhub console", """
							Hello,

							{{invitedBy}} invited you to the Partnerhub console as {{role}}. Choose your password
							here (the link is valid for 7 days and works once), then log in with your e-mail address:

							{{link}}

							Your login: {{email}}
							"""),
			new Default("password-reset", "Password reset", "Reset your Partnerhub password", """
					Hello,

					someone (hopefully you) asked to reset the password of {{email}}. Choose a new password here;
					the link is valid for one hour and works once:

					{{link}}

					If you did not ask for this, ignore this message: your password stays as it is.
					"""),
			new Default("admin-new-partner", "Admin: new partner signed up",
					"New partner: {{firstName}} {{lastName}} ({{programName}})", """
							A new partner signed up and confirmed his e-mail address.

							Name: {{firstName}} {{lastName}}
							E-mail: {{email}}
							Program: {{programName}}
							Status: {{status}}
							Referred by: {{parentCode | "nobody"}}

							Review him in the console: {{adminUrl}}
							"""),
			new Default("admin-payouts-due", "Admin: payouts due", "Payouts due: {{dueSummary}}", """
					Approved commissions are owed to your partners and not yet in a payout batch:
					{{#each dueAmounts as due}}- {{due.amount}} {{due.currency}}
					{{/each}}
					Next payout day: {{nextPayoutDate}}
					Create the payout batch in the console: {{payoutsUrl}}
					"""),
			new Default("login-email-confirm", "Login e-mail change: confirm the new address",
					"Confirm your new login e-mail address", """
							Hello,

							someone (hopefully you) asked to use {{newEmail}} as the login of a Partnerhub partner
							account. Confirm it by opening this link; it is valid for 24 hours and works once:

							{{link}}

							If you did not ask for this, ignore this message: nothing changes.
							"""),
			new Default("login-email-change-requested", "Login e-mail change: requested (to the old address)",
					"A change of your login e-mail was requested", """
							Hello,

							someone (hopefully you) asked to change the login of your partner account from {{email}}
							to {{newEmail}}. Nothing changes until the new address is confirmed with the link we sent
							there.

							If this was not you, change your password now: {{resetPasswordUrl}}
							"""),
			new Default("login-email-changed", "Login e-mail change: done (to the old address)",
					"Your login e-mail was changed", """
							Hello,

							the login of your partner account is now {{newEmail}} (it was {{email}}). Log in with
							the new address from now on; your other sessions were logged out.

							If this was not you, reply to this message at once.
							"""),
			new Default("payout-details-changed", "Payouts: payout method or tax details changed",
					"Your payout details for {{programName}} were changed", """
							Hello {{firstName}},

							{{change}}

							If you did not make this change, log in to your partner center, correct your payout
							details and change your password, and tell us at once.
							"""),
			new Default("announcement-new-credentials", "Announcement: new partner center and credentials",
					"Our new partner center: your login for {{programName}}", """
							Hello {{firstName}},

							we moved our partner program to a new partner center. Your referral code ({{code}})
							and your tracked link stay the same: {{referralLink}}

							You will receive a separate e-mail with your new credentials (a link to choose your
							password). From then on, log in here: {{partnerCenterUrl}}

							Forgot your password later? {{resetPasswordUrl}}

							Thank you for being our partner!
							"""),
			new Default("notice-partner-approved", "Notice: partner approved",
					"You are approved as a partner of {{programName}}", """
							Hello {{firstName}},

							good news: your partner account for {{programName}} is approved. You earn commissions
							from now on.

							Your referral code: {{code}}
							Your tracked link: {{referralLink}}
							Recruit partners under you: {{signupLink}}
							{{#if hasPromoTools}}
							Promo tools:
							{{#each promoTools as tool}}- {{tool.name}}: {{tool.link}}
							{{/each}}{{/if}}
							Your partner center: {{partnerCenterUrl}}
							"""),
			new Default("notice-new-commission", "Notice: new commission",
					"New commission: {{commissionAmount}} {{commissionCurrency}}", """
							Hello {{firstName}},

							you earned a new commission of {{commissionAmount}} {{commissionCurrency}}
							(tier {{commissionTier}}, {{commissionProduct}}). It is pending until it is approved.

							Pending now: {{pendingTotal}} {{currency}}
							Your partner center: {{partnerCenterUrl}}
							"""),
			new Default("notice-commission-digest", "Notice: new commissions of the day (digest)",
					"Your new commissions of {{digestDate}}",
					"""
							Hello {{firstName}},

							you earned {{digestCount}} new commission(s) on {{digestDate}}:
							{{#each digestLines as line}}- {{line.amount}} {{line.currency}}, {{line.product}} (tier {{line.tier}})
							{{/each}}
							They are pending until they are approved.
							Your partner center: {{partnerCenterUrl}}
							"""),
			new Default("notice-commission-approved", "Notice: commissions approved",
					"Commission approved: {{approvedAmount}} {{commissionCurrency}}", """
							Hello {{firstName}},

							{{approvedCount}} of your commissions, {{approvedAmount}} {{commissionCurrency}} in all,
							were approved and will be in your next payout.

							Approved and not yet paid: {{approvedTotal}} {{currency}}
							Your partner center: {{partnerCenterUrl}}
							"""),
			new Default("notice-payout-sent", "Notice: payout sent",
					"Thank you: we sent you {{payoutAmount}} {{payoutCurrency}}",
					"""
							Hello {{firstName}},

							thank you for promoting {{programName}}! We sent you {{payoutAmount}} {{payoutCurrency}}
							{{#if payoutEmail}}to {{payoutEmail}}{{/if}}.

							It pays these commissions:
							{{#each payoutItems as item}}- {{item.date}} {{item.product}} (tier {{item.tier}}): {{item.amount}}
							{{/each}}
							Your earnings: {{partnerCenterUrl}}
							"""),
			new Default("notice-tier2-joined", "Notice: a partner joined under you",
					"{{recruitName}} joined {{programName}} under you", """
							Hello {{firstName}},

							{{recruitName}} signed up as a partner of {{programName}} through your link. You earn
							a second-tier commission on his sales.

							Your network: {{partnerCenterUrl}}
							"""),
			new Default("notice-contest-started", "Notice: a contest started",
					"The contest {{contestName}} has started", """
							Hello {{firstName}},

							the contest {{contestName}} of {{programName}} runs from {{contestStarts}}
							{{contestEnds}}. Every sale you refer in that time counts.

							The leaderboard: {{partnerCenterUrl}}
							"""),
			new Default("notice-contest-ended", "Notice: a contest ended (with the partner's rank)",
					"The contest {{contestName}} has ended", """
							Hello {{firstName}},

							the contest {{contestName}} of {{programName}} has ended.
							Your result: {{contestResult}}

							Thank you for taking part. The final standings: {{partnerCenterUrl}}
							"""),
			new Default("opt-in-confirmation", "Opt-in: confirm e-mail address (double opt-in)",
					"Please confirm your sign-up for {{programName}}", """
							Hello,

							someone (hopefully you) signed up this address for updates from {{programName}}.
							Please confirm by opening this link and pressing the button (it is
							valid for 48 hours):

							{{link}}

							If you did not sign up, ignore this message: you will get nothing more from us.
							"""));

	private final MailTemplateRepository repository;

	DefaultTemplates(MailTemplateRepository repository) {
		this.repository = repository;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (Default template : DEFAULTS) {
			this.repository.insertIfAbsent(template.key(), template.name(), template.subject(), template.body(), true);
		}
	}

	record Default(String key, String name, String subject, String body) {
	}

}
