package dev.partnerhub.mail;

import org.jspecify.annotations.Nullable;

/**
 * Outgoing e-mail for other modules. {@link #queue} inserts into the outbox in the
 * caller's transaction (so a mail is queued exactly when the business change commits); a
 * scheduled sender delivers it after commit, with retries.
 */
public interface MailApi {

	/**
	 * Renders the template for the request's partner (merge fields from every
	 * {@link MergeFieldSource} plus the request's own fields) and queues it. Returns
	 * false when nothing was queued: the dedupe key was queued before, or the template
	 * does not exist. A template that fails to render is queued as {@code failed} with
	 * the error, so it shows in the console's outbox instead of breaking the caller.
	 */
	boolean queue(MailRequest request);

	/**
	 * The keys of all templates, sorted (for pickers in other modules' consoles, e.g.
	 * sequence steps).
	 */
	java.util.List<String> templateKeys();

	/**
	 * The public base URL of the application (property {@code partnerhub.base-url}),
	 * without a trailing slash.
	 */
	String baseUrl();

	/**
	 * Queues an e-mail written for this one occasion (an announcement): subject and body
	 * in the merge syntax ({@code {{firstName}}}), rendered with the partner's merge
	 * fields. False when nothing was queued: the dedupe key was used before, or the
	 * partner turned the category off.
	 */
	boolean queueWritten(String to, long partnerId, String subject, String body, @Nullable MailCategory category,
			@Nullable String dedupeKey);

	/**
	 * Checks a subject and body written in the merge syntax against a partner's fields
	 * (an InvalidInputException on field {@code subject} or {@code body} naming the line,
	 * the unknown or malformed field and what to write).
	 */
	void checkWritten(String subject, String body);

	/** Subject and body rendered with the partner's merge fields (nothing saved). */
	Rendered render(String subject, String body, long partnerId);

	/**
	 * The outbox status ({@code queued}, {@code sending}, {@code sent}, {@code failed})
	 * of the messages queued with these dedupe keys, by key.
	 */
	java.util.Map<String, String> statusByDedupeKey(java.util.Collection<String> dedupeKeys);

	/** False when the partner turned this category off. */
	boolean subscribed(long partnerId, MailCategory category);

	/** Every category with the partner's choice (true = he gets it). */
	java.util.Map<MailCategory, Boolean> preferences(long partnerId);

	/**
	 * True when the partner takes this category as one e-mail a day (a digest) instead of
	 * each one (the default).
	 */
	boolean digest(long partnerId, MailCategory category);

	/** Records whether the partner takes this category as a daily digest. */
	void setDigest(long partnerId, MailCategory category, boolean digest);

	/** Records the partner's choices (categories not named keep theirs). */
	void setPreferences(long partnerId, java.util.Map<MailCategory, Boolean> choices);

	/**
	 * A saved template's subject and body as written (not rendered): a start for an
	 * announcement.
	 */
	java.util.Optional<Rendered> templateText(String key);

	/**
	 * The merge fields of an e-mail to a partner (what {@link #checkWritten} accepts),
	 * with descriptions, for an editor's list.
	 */
	java.util.Map<String, String> fieldDescriptions();

	record Rendered(String subject, String body) {
	}

}
