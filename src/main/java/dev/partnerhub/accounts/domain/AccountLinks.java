package dev.partnerhub.accounts.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.accounts.Passwords;
import dev.partnerhub.accounts.Role;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links sent by e-mail that act on a login: e-mail verification after sign-up (48 h),
 * invitation to set a password (7 days), password reset (1 h). Tokens are random,
 * single-use and stored only as a SHA-256 hash; using one is a single conditional UPDATE,
 * so two clicks racing cannot both succeed.
 */
@Service
@Transactional
public class AccountLinks {

	public static final Duration VERIFY_TTL = Duration.ofHours(48);

	public static final Duration INVITE_TTL = Duration.ofDays(7);

	public static final Duration RESET_TTL = Duration.ofHours(1);

	public static final Duration EMAIL_CHANGE_TTL = Duration.ofHours(24);

	public enum Purpose {

		VERIFY, INVITE, RESET, EMAIL;

		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final UserAccountRepository accounts;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final MailApi mail;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	AccountLinks(UserAccountRepository accounts, JdbcClient jdbc, PasswordEncoder passwordEncoder, MailApi mail,
			ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.mail = mail;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A self-registered partner's login: usable once he clicks the verification link this
	 * queues.
	 */
	void createUnverified(long contactId, long partnerId, String email, String rawPassword, UserAccount account) {
		account.markEmailUnverified();
		UserAccount saved = this.accounts.save(account);
		String token = issue(saved.getId(), Purpose.VERIFY, VERIFY_TTL, this.clock.instant());
		this.mail.queue(MailRequest.of("email-verification", email)
			.forPartner(partnerId)
			.with("link", this.mail.baseUrl() + "/partners/verify?token=" + token));
	}

	/**
	 * A login without a password, and the invitation e-mail with the link to choose one.
	 * The insert does nothing when a login with this e-mail exists (the unique index
	 * decides, also between two approvals racing), so one approval sends at most one
	 * invitation; false when nothing was done.
	 */
	boolean invite(long contactId, long partnerId, String email, Instant now) {
		Optional<Long> id = this.jdbc.sql("""
				insert into user_account (email, password_hash, role, contact_id, created_at)
				values (:email, null, 'PARTNER', :contact, :now)
				on conflict do nothing
				returning id
				""")
			.param("email", email)
			.param("contact", contactId)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional();
		id.ifPresent(account -> sendInvitation(account, partnerId, email, now));
		return id.isPresent();
	}

	/**
	 * A new invitation for a login that has no password yet: his older unused invitation
	 * links stop working.
	 */
	void reinvite(long accountId, long partnerId, String email, Instant now) {
		this.jdbc.sql("""
				update account_token set used_at = :now
				where account_id = :id and purpose = 'invite' and used_at is null
				""").param("now", Timestamp.from(now)).param("id", accountId).update();
		sendInvitation(accountId, partnerId, email, now);
	}

	/**
	 * Invites a console user (a new login without a password, or one whose invitation is
	 * sent again: his older unused links stop working) to choose his password (7 days).
	 */
	void inviteTeamMember(long accountId, String email, String role, String invitedBy, Instant now) {
		this.jdbc.sql("""
				update account_token set used_at = :now
				where account_id = :id and purpose = 'invite' and used_at is null
				""").param("now", Timestamp.from(now)).param("id", accountId).update();
		String token = issue(accountId, Purpose.INVITE, INVITE_TTL, now);
		this.mail.queue(MailRequest.of("team-invitation", email)
			.with("email", email)
			.with("role", role)
			.with("invitedBy", invitedBy)
			.with("link", this.mail.baseUrl() + "/account/set-password?token=" + token));
	}

	private void sendInvitation(long accountId, long partnerId, String email, Instant now) {
		String token = issue(accountId, Purpose.INVITE, INVITE_TTL, now);
		this.mail.queue(MailRequest.of("partner-invitation", email)
			.forPartner(partnerId)
			.with("link", this.mail.baseUrl() + "/account/set-password?token=" + token));
	}

	/**
	 * Marks the login's e-mail verified; the contact id of the login, empty when the link
	 * is unknown, used or old.
	 */
	public Optional<Long> verify(String token, Instant now) {
		return use(token, List.of(Purpose.VERIFY), now).map(account -> {
			account.markEmailVerified();
			return this.accounts.save(account).getContactId();
		});
	}

	/**
	 * Queues a reset link when a login with this e-mail exists; says nothing either way
	 * (the page answers the same for every address, so nobody can find out who has a
	 * login).
	 */
	public void requestReset(String email, Instant now) {
		if (email == null || email.isBlank() || email.length() > 254) {
			return;
		}
		this.accounts.findByEmailIgnoreCase(email.strip()).filter(UserAccount::isEnabled).ifPresent(account -> {
			String token = issue(account.getId(), Purpose.RESET, RESET_TTL, now);
			this.mail.queue(MailRequest.of("password-reset", account.getEmail())
				.with("email", account.getEmail())
				.with("link", this.mail.baseUrl() + "/account/set-password?token=" + token));
		});
	}

	/**
	 * Whether an invitation or reset link can still be used (the form is shown only
	 * then).
	 */
	@Transactional(readOnly = true)
	public boolean usable(String token, Instant now) {
		String hash = hash(token);
		return hash != null && this.jdbc.sql("""
				select 1 from account_token
				where token_hash = :hash and purpose in ('invite', 'reset') and used_at is null and expires_at > :now
				""").param("hash", hash).param("now", Timestamp.from(now)).query(Integer.class).optional().isPresent();
	}

	/**
	 * Sets the password with an invitation or reset link, which is used up; the e-mail
	 * counts as verified (the link reached the mailbox). Returns the login's e-mail; an
	 * unknown, used or expired link is an InvalidInputException.
	 */
	public String setPassword(String token, String rawPassword, Instant now) {
		Passwords.check("password", "The password", rawPassword);
		UserAccount account = use(token, List.of(Purpose.INVITE, Purpose.RESET), now)
			.orElseThrow(() -> new InvalidInputException("token",
					"This link is invalid, was used already or has expired. Ask for a new one."));
		account.changePasswordHash(this.passwordEncoder.encode(rawPassword));
		account.markEmailVerified();
		this.accounts.save(account);
		// other reset links of this login die with the password they were meant to
		// replace
		this.jdbc.sql(
				"update account_token set used_at = :now where account_id = :id and used_at is null and purpose = 'reset'")
			.param("now", Timestamp.from(now))
			.param("id", account.getId())
			.update();
		// and so do his sessions (security.UserSessions, once this commits)
		this.events.publishEvent(new PasswordChanged(account.getEmail()));
		return account.getEmail();
	}

	/**
	 * Starts a login e-mail change: older unused change links of the login stop working;
	 * a new one goes to the new address when it is {@code free}; the old address is told
	 * either way.
	 */
	void requestEmailChange(UserAccount account, String newEmail, boolean free, Instant now) {
		this.jdbc.sql("""
				update account_token set used_at = :now
				where account_id = :id and purpose = 'email' and used_at is null
				""").param("now", Timestamp.from(now)).param("id", account.getId()).update();
		if (free) {
			String token = issue(account.getId(), Purpose.EMAIL, EMAIL_CHANGE_TTL, now);
			this.jdbc.sql("update account_token set new_email = :email where token_hash = :hash")
				.param("email", newEmail)
				.param("hash", hash(token))
				.update();
			this.mail.queue(MailRequest.of("login-email-confirm", newEmail)
				.with("newEmail", newEmail)
				.with("link", this.mail.baseUrl() + "/account/confirm-email?token=" + token));
		}
		this.mail.queue(MailRequest.of("login-email-change-requested", account.getEmail())
			.with("email", account.getEmail())
			.with("newEmail", newEmail)
			.with("resetPasswordUrl", this.mail.baseUrl() + "/account/reset"));
	}

	/** The new address a change link would set, while the link can be used. */
	@Transactional(readOnly = true)
	public Optional<String> pendingEmailChange(String token, Instant now) {
		String hash = hash(token);
		return hash == null ? Optional.empty() : this.jdbc.sql("""
				select new_email from account_token
				where token_hash = :hash and purpose = 'email' and used_at is null and expires_at > :now
				""").param("hash", hash).param("now", Timestamp.from(now)).query(String.class).optional();
	}

	/**
	 * Uses a change link: the login is renamed to the new address, which counts as
	 * verified; the old address is told, and {@link LoginEmailChanged} ends the login's
	 * other sessions after the commit. An unknown, used or expired link, or an address
	 * another login took meanwhile, is an InvalidInputException (nothing changes).
	 */
	public String confirmEmailChange(String token, Instant now) {
		String hash = hash(token);
		record Used(long accountId, String newEmail) {
		}
		Used used = hash == null ? null
				: this.jdbc.sql("""
						update account_token set used_at = :now
						where token_hash = :hash and purpose = 'email' and used_at is null and expires_at > :now
						returning account_id, new_email
						""")
					.param("now", Timestamp.from(now))
					.param("hash", hash)
					.query((rs, n) -> new Used(rs.getLong(1), rs.getString(2)))
					.optional()
					.orElse(null);
		UserAccount account = used == null ? null : this.accounts.findById(used.accountId()).orElse(null);
		if (account == null || used.newEmail() == null) {
			throw new InvalidInputException("token",
					"This link is invalid, was used already or has expired. Ask for a new one in your settings.");
		}
		if (this.accounts.findByEmailIgnoreCase(used.newEmail())
			.filter(other -> !other.getId().equals(account.getId()))
			.isPresent()) {
			throw new InvalidInputException("token",
					"This address cannot be used as your login. Ask for a change to another address.");
		}
		String oldEmail = account.getEmail();
		account.changeEmail(used.newEmail());
		account.markEmailVerified();
		this.accounts.save(account);
		this.mail.queue(MailRequest.of("login-email-changed", oldEmail)
			.with("email", oldEmail)
			.with("newEmail", used.newEmail()));
		this.events.publishEvent(
				new dev.partnerhub.accounts.LoginEmailChanged(account.getContactId(), oldEmail, used.newEmail()));
		return used.newEmail();
	}

	@Transactional(readOnly = true)
	public List<String> adminEmails() {
		return this.accounts.findAll()
			.stream()
			.filter(a -> (a.getRole() == Role.OWNER || a.getRole() == Role.ADMIN) && a.isEnabled())
			.map(UserAccount::getEmail)
			.toList();
	}

	/**
	 * A new link for the login; the raw token is returned once and only its hash is
	 * stored.
	 */
	public String issue(long accountId, Purpose purpose, Duration ttl, Instant now) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.jdbc.sql("""
				insert into account_token (account_id, purpose, token_hash, expires_at, created_at)
				values (:account, :purpose, :hash, :expires, :now)
				""")
			.param("account", accountId)
			.param("purpose", purpose.value())
			.param("hash", hash(token))
			.param("expires", Timestamp.from(now.plus(ttl)))
			.param("now", Timestamp.from(now))
			.update();
		return token;
	}

	private Optional<UserAccount> use(String token, List<Purpose> purposes, Instant now) {
		String hash = hash(token);
		if (hash == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				update account_token set used_at = :now
				where token_hash = :hash and purpose in (:purposes) and used_at is null and expires_at > :now
				returning account_id
				""")
			.param("now", Timestamp.from(now))
			.param("hash", hash)
			.param("purposes", purposes.stream().map(Purpose::value).toList())
			.query(Long.class)
			.optional()
			.flatMap(this.accounts::findById);
	}

	private static @Nullable String hash(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return null;
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.strip().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
