package dev.partnerhub.notices;

import dev.partnerhub.mail.MailCategory;

/** The notices a program sends (each can be turned off per program). */
public enum Notice {

	PARTNER_APPROVED("partner-approved", "notice-partner-approved", MailCategory.PARTNER_APPROVED,
			"Partner approved (to partners who have a login)"),

	NEW_COMMISSION("new-commission", "notice-new-commission", MailCategory.NEW_COMMISSION, "New commission"),

	COMMISSION_APPROVED("commission-approved", "notice-commission-approved", MailCategory.COMMISSION_APPROVED,
			"Commissions approved"),

	PAYOUT_SENT("payout-sent", "notice-payout-sent", MailCategory.PAYOUT_SENT, "Payout sent (thank you)"),

	TIER2_JOINED("tier2-joined", "notice-tier2-joined", MailCategory.TIER2_JOINED,
			"A tier-2 partner joined under a partner"),

	CONTEST_STARTED("contest-started", "notice-contest-started", MailCategory.CONTESTS,
			"A contest started (to the program's partners)"),

	CONTEST_ENDED("contest-ended", "notice-contest-ended", MailCategory.CONTESTS,
			"A contest ended (to the program's partners, with their rank)");

	private final String key;

	private final String template;

	private final MailCategory category;

	private final String label;

	Notice(String key, String template, MailCategory category, String label) {
		this.key = key;
		this.template = template;
		this.category = category;
		this.label = label;
	}

	public String key() {
		return this.key;
	}

	public String template() {
		return this.template;
	}

	public MailCategory category() {
		return this.category;
	}

	public String label() {
		return this.label;
	}

}
