package dev.partnerhub.accounts.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.accounts.Role;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The team: console users with a role (owner, admin, finance, viewer). Who may do what to
 * whom: an owner manages everybody; an admin (and an API key) invites, re-roles,
 * deactivates and reactivates admins, finance users and viewers, never an owner and never
 * into an owner. Nobody changes his own role or deactivates himself. There is always at
 * least one active owner: a change that would leave none is refused, also when two such
 * changes race (both lock the active owners' rows first, in id order, so the second one
 * sees what the first one did).
 */
@Service
@Transactional
public class TeamService {

	private static final String EMAIL_PATTERN = "[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+";

	private final JdbcClient jdbc;

	private final AccountLinks links;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final java.time.Clock clock;

	TeamService(JdbcClient jdbc, AccountLinks links, AuditLog audit, ApplicationEventPublisher events,
			java.time.Clock clock) {
		this.jdbc = jdbc;
		this.links = links;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** Who is acting: his login (or {@code api-key:<name>}) and the role he acts with. */
	public record Manager(String name, Role role) {
	}

	public enum Status {

		ACTIVE, INVITED, DEACTIVATED;

		public String label() {
			return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
		}

	}

	public record Member(long id, String email, @Nullable String name, Role role, Status status,
			@Nullable Instant lastLoginAt, Instant createdAt) {
	}

	private static final String COLUMNS = """
			select id, email, name, role, enabled, password_hash is not null as has_password, last_login_at, created_at
			from user_account
			""";

	@Transactional(readOnly = true)
	public Page<Member> list(Pageable pageable) {
		long total = this.jdbc.sql("select count(*) from user_account where role <> 'PARTNER'")
			.query(Long.class)
			.single();
		List<Member> members = this.jdbc
			.sql(COLUMNS + " where role <> 'PARTNER' order by lower(email), id limit :limit offset :offset")
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(TeamService::member)
			.list();
		return new PageImpl<>(members, pageable, total);
	}

	@Transactional(readOnly = true)
	public Optional<Member> find(long id) {
		return this.jdbc.sql(COLUMNS + " where id = :id and role <> 'PARTNER'")
			.param("id", id)
			.query(TeamService::member)
			.optional();
	}

	/**
	 * A new console user without a password and the invitation e-mail with the link to
	 * choose it (7 days). A malformed address or a role that is not a console role is an
	 * InvalidInputException; an address that has a login already a ConflictException.
	 */
	public Member invite(Manager manager, String email, @Nullable String name, String role) {
		String address = email == null ? "" : email.strip();
		if (address.length() > 254 || !address.matches(EMAIL_PATTERN)) {
			throw new InvalidInputException("email", "Enter a valid e-mail address, like name@example.com.");
		}
		Role granted = Role.team(role)
			.orElseThrow(() -> new InvalidInputException("role", "The role is one of owner, admin, finance, viewer."));
		String displayName = name == null || name.isBlank() ? null : name.strip();
		if (displayName != null && displayName.length() > 200) {
			throw new InvalidInputException("name", "The name has at most 200 characters.");
		}
		mayGrant(manager, granted);
		Instant now = this.clock.instant();
		Long id = this.jdbc.sql("""
				insert into user_account (email, name, password_hash, role, contact_id, created_at)
				values (:email, :name, null, :role, null, :now)
				on conflict do nothing
				returning id
				""")
			.param("email", address)
			.param("name", displayName)
			.param("role", granted.name())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new ConflictException("email", "A login with e-mail " + address + " already exists."));
		this.links.inviteTeamMember(id, address, granted.label(), manager.name(), now);
		this.audit.record(AuditEntry.of(manager.name(), "user.invite", "user", id, null,
				"email=" + address + "; role=" + granted.name()));
		return find(id).orElseThrow();
	}

	/** Sends an invited user's invitation again; his older links stop working. */
	public void resendInvitation(Manager manager, long id) {
		Member member = member(id);
		mayManage(manager, member);
		if (member.status() != Status.INVITED) {
			throw new InvalidInputException("id", member.email() + " has chosen a password already.");
		}
		this.links.inviteTeamMember(id, member.email(), member.role().label(), manager.name(), this.clock.instant());
		this.audit.record(AuditEntry.of(manager.name(), "user.reinvite", "user", id, null, "email=" + member.email()));
	}

	public Member changeRole(Manager manager, long id, String role) {
		Role changed = Role.team(role)
			.orElseThrow(() -> new InvalidInputException("role", "The role is one of owner, admin, finance, viewer."));
		Member member = member(id);
		mayManage(manager, member);
		mayGrant(manager, changed);
		if (member.role() == changed) {
			return member;
		}
		if (member.role() == Role.OWNER) {
			keepAnOwner(member);
		}
		update(id, "role = :value", changed.name());
		this.audit.record(AuditEntry.of(manager.name(), "user.role", "user", id, "role=" + member.role().name(),
				"role=" + changed.name()));
		// his sessions carry the old role: he logs in again and gets the new one
		this.events.publishEvent(new TeamLoginEnded(member.email()));
		return member(id);
	}

	public Member deactivate(Manager manager, long id) {
		Member member = member(id);
		mayManage(manager, member);
		if (member.status() == Status.DEACTIVATED) {
			return member;
		}
		if (member.role() == Role.OWNER) {
			keepAnOwner(member);
		}
		update(id, "enabled = false", null);
		this.audit.record(AuditEntry.of(manager.name(), "user.deactivate", "user", id, "status=" + member.status(),
				"status=" + Status.DEACTIVATED));
		this.events.publishEvent(new TeamLoginEnded(member.email()));
		return member(id);
	}

	public Member reactivate(Manager manager, long id) {
		Member member = member(id);
		mayManage(manager, member);
		if (member.status() != Status.DEACTIVATED) {
			return member;
		}
		update(id, "enabled = true", null);
		Member now = member(id);
		this.audit.record(AuditEntry.of(manager.name(), "user.reactivate", "user", id, "status=" + member.status(),
				"status=" + now.status()));
		return now;
	}

	/**
	 * Records a successful login of a console user (partners' logins are not listed
	 * here).
	 */
	public void signedIn(String email) {
		this.jdbc
			.sql("update user_account set last_login_at = :now where lower(email) = lower(:email)"
					+ " and role <> 'PARTNER'")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("email", email)
			.update();
	}

	/**
	 * Locks the active owners' rows (in id order, so racing changes queue up instead of
	 * deadlocking) and refuses the change when {@code owner} is the only one. Under READ
	 * COMMITTED the second of two racing changes re-reads the rows after the first
	 * commits: an owner the first one demoted or deactivated is no longer among them.
	 */
	private void keepAnOwner(Member owner) {
		List<Long> owners = this.jdbc
			.sql("select id from user_account where role = 'OWNER' and enabled order by id for update")
			.query(Long.class)
			.list();
		if (owners.stream().noneMatch(other -> other != owner.id())) {
			throw new ConflictException("role",
					owner.email() + " is the last active owner. Make another user an owner first.");
		}
	}

	private void update(long id, String assignment, @Nullable String value) {
		this.jdbc.sql("update user_account set " + assignment + ", version = version + 1 where id = :id")
			.param("id", id)
			.param("value", value)
			.update();
	}

	private Member member(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No user " + id));
	}

	private static void mayGrant(Manager manager, Role role) {
		if (role == Role.OWNER && manager.role() != Role.OWNER) {
			throw new AccessDeniedException("Only an owner may make someone an owner.");
		}
	}

	private static void mayManage(Manager manager, Member member) {
		if (member.email().equalsIgnoreCase(manager.name())) {
			throw new InvalidInputException("id",
					"You cannot change your own role or deactivate yourself; ask another owner or admin.");
		}
		if (member.role() == Role.OWNER && manager.role() != Role.OWNER) {
			throw new AccessDeniedException("Only an owner may change an owner.");
		}
		if (!manager.role().includes(Role.ADMIN)) {
			throw new AccessDeniedException("Only owners and admins manage users.");
		}
	}

	private static Member member(ResultSet rs, int n) throws SQLException {
		boolean enabled = rs.getBoolean("enabled");
		Status status = !enabled ? Status.DEACTIVATED : rs.getBoolean("has_password") ? Status.ACTIVE : Status.INVITED;
		Timestamp last = rs.getTimestamp("last_login_at");
		return new Member(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
				Role.valueOf(rs.getString("role")), status, last == null ? null : last.toInstant(),
				rs.getTimestamp("created_at").toInstant());
	}

}
