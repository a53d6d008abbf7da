package dev.partnerhub.accounts;

/** Logins for other modules: partners get one when they are created with a password. */
public interface AccountApi {

	/** Gives the partner's contact a login; a login with that e-mail already existing is a ConflictException. */
	void createPartnerLogin(long contactId, String email, String rawPassword);

	boolean hasLogin(String email);

	/** Keeps the login's user name in step when a contact's e-mail changes. */
	void changeEmail(String oldEmail, String newEmail);

	/**
	 * A user's own password change: false (nothing changed) when {@code currentPassword} is wrong; a new password
	 * shorter than the minimum is an InvalidInputException on field {@code newPassword}.
	 */
	boolean changePassword(String email, String currentPassword, String newPassword);

}
