package dev.partnerhub.mail;

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

}
