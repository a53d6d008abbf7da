package dev.partnerhub.mail;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of non-transactional e-mail a partner may turn off (partner center, or the
 * one-click unsubscribe link each of them carries). Transactional e-mail (password reset,
 * invitation, e-mail confirmation) has no category and is always sent.
 */
public enum MailCategory {

	ANNOUNCEMENTS("announcements", "Announcements from the program"),

	PARTNER_APPROVED("partner-approved", "Your account was approved"),

	NEW_COMMISSION("new-commission", "Each new commission"),

	COMMISSION_APPROVED("commission-approved", "A commission was approved"),

	PAYOUT_SENT("payout-sent", "A payout was sent"),

	TIER2_JOINED("tier2-joined", "A partner joined under you"),

	CONTESTS("contests", "A contest started or ended");

	private final String key;

	private final String label;

	MailCategory(String key, String label) {
		this.key = key;
		this.label = label;
	}

	public String key() {
		return this.key;
	}

	public String label() {
		return this.label;
	}

	public static Optional<MailCategory> byKey(String key) {
		return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
	}

}
