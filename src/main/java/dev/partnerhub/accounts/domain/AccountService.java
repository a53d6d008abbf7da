package dev.partnerhub.accounts.domain;

import java.time.Clock;
import java.util.Optional;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.accounts.Passwords;
import dev.partnerhub.accounts.Role;
import dev.partnerhub.support.ConflictException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class AccountService implements AccountApi, UserDetailsService {

	public static final int MIN_PASSWORD_LENGTH = Passwords.MIN_LENGTH;

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AccountLinks links;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccountService(UserAccountRepository accounts, PasswordEncoder passwordEncoder, AccountLinks links,
			ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.links = links;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = this.accounts.findByEmailIgnoreCase(username == null ? "" : username.strip())
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
		return User.withUsername(account.getEmail())
			.password(account.getPasswordHash() == null ? "{noop}" + java.util.UUID.randomUUID()
					: account.getPasswordHash())
			.authorities(AuthorityUtils.createAuthorityList(account.getRole().authority()))
			.disabled(!account.isEnabled() || account.getPasswordHash() == null || !account.isEmailVerified())
			.build();
	}

	@Override
	public void createPartnerLogin(long contactId, String email, String rawPassword) {
		create(email, rawPassword, Role.PARTNER, contactId);
	}

	@Override
	public void createUnverifiedPartnerLogin(long contactId, long partnerId, String email, String rawPassword) {
		checkNew(email, rawPassword);
		this.links.createUnverified(contactId, partnerId, email, rawPassword, new UserAccount(email.strip(),
				this.passwordEncoder.encode(rawPassword), Role.PARTNER, contactId, this.clock.instant()));
	}

	@Override
	public boolean invitePartner(long contactId, long partnerId, String email) {
		if (email == null || email.isBlank()) {
			return false;
		}
		return this.links.invite(contactId, partnerId, email.strip(), this.clock.instant());
	}

	@Override
	public InviteOutcome resendInvitation(long contactId, long partnerId, String email) {
		UserAccount login = this.accounts.findPartnerLogin(contactId).orElse(null);
		if (login == null) {
			return invitePartner(contactId, partnerId, email) ? InviteOutcome.SENT : InviteOutcome.TAKEN;
		}
		if (login.getPasswordHash() != null) {
			return InviteOutcome.ACTIVE;
		}
		this.links.reinvite(login.getId(), partnerId, login.getEmail(), this.clock.instant());
		return InviteOutcome.SENT;
	}

	@Override
	public java.util.Optional<Long> verifyEmail(String token) {
		return this.links.verify(token, this.clock.instant());
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.List<String> adminEmails() {
		return this.links.adminEmails();
	}

	private void checkNew(String email, String rawPassword) {
		Passwords.check("password", "The password", rawPassword);
		if (hasLogin(email)) {
			throw new ConflictException("email", "A login with e-mail " + email + " already exists.");
		}
	}

	public void createAdmin(String email, String rawPassword) {
		create(email, rawPassword, Role.ADMIN, null);
	}

	/** The first console user (set at start-up): an owner. */
	public void createOwner(String email, String rawPassword) {
		create(email, rawPassword, Role.OWNER, null);
	}

	/** Whether any console user (owner, admin, finance, viewer) exists. */
	@Transactional(readOnly = true)
	public boolean adminExists() {
		return this.accounts.teamExists();
	}

	@Override
	@Transactional(readOnly = true)
	public boolean hasLogin(String email) {
		return email != null && this.accounts.findByEmailIgnoreCase(email.strip()).isPresent();
	}

	@Override
	public boolean hasPassword(String email) {
		return email != null && this.accounts.findByEmailIgnoreCase(email.strip())
			.map(account -> account.getPasswordHash() != null)
			.orElse(false);
	}

	@Override
	public void changeEmail(String oldEmail, String newEmail) {
		this.accounts.findByEmailIgnoreCase(oldEmail).ifPresent(account -> {
			account.changeEmail(newEmail);
			this.accounts.save(account);
		});
	}

	@Override
	public EmailChange requestEmailChange(String login, String currentPassword, String newEmail) {
		UserAccount account = this.accounts.findByEmailIgnoreCase(login == null ? "" : login.strip()).orElse(null);
		if (account == null || account.getPasswordHash() == null || currentPassword == null
				|| !this.passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
			return EmailChange.WRONG_PASSWORD;
		}
		String address = newEmail == null ? "" : newEmail.strip();
		if (address.length() > 254 || !address.matches("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+")) {
			throw new dev.partnerhub.support.InvalidInputException("newEmail",
					"Enter a valid e-mail address, like name@example.com.");
		}
		if (address.equalsIgnoreCase(account.getEmail())) {
			return EmailChange.SAME_ADDRESS;
		}
		this.links.requestEmailChange(account, address, this.accounts.findByEmailIgnoreCase(address).isEmpty(),
				this.clock.instant());
		return EmailChange.REQUESTED;
	}

	@Override
	public boolean changePassword(String email, String currentPassword, String newPassword) {
		UserAccount account = this.accounts.findByEmailIgnoreCase(email == null ? "" : email.strip()).orElse(null);
		if (account == null || account.getPasswordHash() == null || currentPassword == null
				|| !this.passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
			return false;
		}
		Passwords.check("newPassword", "The new password", newPassword);
		account.changePasswordHash(this.passwordEncoder.encode(newPassword));
		this.accounts.save(account);
		// his other sessions end once this commits (security.UserSessions)
		this.events.publishEvent(new PasswordChanged(account.getEmail()));
		return true;
	}

	private void create(String email, String rawPassword, Role role, Long contactId) {
		Passwords.check("password", "The password", rawPassword);
		if (hasLogin(email)) {
			throw new ConflictException("email", "A login with e-mail " + email + " already exists.");
		}
		try {
			this.accounts.save(new UserAccount(email.strip(), this.passwordEncoder.encode(rawPassword), role, contactId,
					this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("email", "A login with e-mail " + email + " already exists.");
		}
	}

}
