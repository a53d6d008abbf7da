package dev.partnerhub.mail;

/**
 * Insert of a mail template as given (the demo seed). Runs in the caller's transaction.
 */
public interface TemplateImport {

	/**
	 * Adds the template unless one with this key (case-insensitive) exists; true when it
	 * was added.
	 */
	boolean importTemplate(String key, String name, String subject, String body);

}
