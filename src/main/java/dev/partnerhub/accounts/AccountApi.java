package dev.partnerhub.accounts;

/** Logins for other modules: partners get one when they are created with a password. */
public interface AccountApi {

	/**
	 * Gives the partner's contact a login; a login with that e-mail already existing is a
	 * ConflictException.
	 */
	void createPartnerLogin(long contactId, String email, String rawPassword);

	/**
	 * A self-registered partner's login, unusable until he opens the verification link
	 * this queues by e-mail (template {@code email-verification}, valid 48 h). A login
	 * with that e-mail already existing is a ConflictException.
	 */
	void createUnverifiedPartnerLogin(long contactId, long partnerId, String email, String rawPassword);

	/**
	 * A login without a password for a partner an admin created, and the invitation
	 * e-mail (template {@code partner-invitation}) with a link to choose the password
	 * (valid 7 days). False (nothing done) when a login with that e-mail exists already,
	 * also when another call created it a moment ago (one invitation per approval).
	 */
	boolean invitePartner(long contactId, long partnerId, String email);

	/**
	 * Invites the partner, or sends his invitation again with a new link (older unused
	 * invitation links stop working); nothing for a login that has a password.
	 */
	InviteOutcome resendInvitation(long contactId, long partnerId, String email);

	/** What {@link #resendInvitation} did. */
	enum InviteOutcome {

		/** An invitation e-mail is queued. */
		SENT,
		/** He has a password already: nothing sent. */
		ACTIVE,
		/** Another login (an admin's) uses his e-mail: nothing sent. */
		TAKEN

	}

	/**
	 * Uses a verification link: the login works from now on. The contact id of the login;
	 * empty for a bad link.
	 */
	java.util.Optional<Long> verifyEmail(String token);

	/**
	 * A partner's own change of his login e-mail: with his current password, a
	 * confirmation link (24 h, single use) goes to {@code newEmail} and a notice to his
	 * current address; the login changes only when the link is used. An address another
	 * login uses gets no link, and the answer is the same {@code REQUESTED} (nobody finds
	 * out who has a login). A malformed address is an InvalidInputException on field
	 * {@code newEmail}.
	 */
	EmailChange requestEmailChange(String login, String currentPassword, String newEmail);

	/** What {@link #requestEmailChange} did. */
	enum EmailChange {

		REQUESTED, WRONG_PASSWORD, SAME_ADDRESS

	}

	/** The e-mail addresses of the enabled admins, for notifications. */
	java.util.List<String> adminEmails();

	boolean hasLogin(String email);

	/**
	 * Whether this address has a login with a password chosen (an invited partner who has
	 * not set his yet has a login without one).
	 */
	boolean hasPassword(String email);

	/** Keeps the login's user name in step when a contact's e-mail changes. */
	void changeEmail(String oldEmail, String newEmail);

	/**
	 * A user's own password change: false (nothing changed) when {@code currentPassword}
	 * is wrong; a new password shorter than the minimum is an InvalidInputException on
	 * field {@code newPassword}.
	 */
	boolean changePassword(String email, String currentPassword, String newPassword);

}
