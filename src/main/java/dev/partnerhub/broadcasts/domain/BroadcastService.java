package dev.partnerhub.broadcasts.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.groups.GroupMember;
import dev.partnerhub.groups.GroupSummary;
import dev.partnerhub.groups.MembersPage;
import dev.partnerhub.jobs.Job;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing, previewing, testing, sending and scheduling announcements. Sending fixes the
 * recipients (one row per partner) and submits a {@link BroadcastSender} job in the same
 * transaction.
 */
@Service
@Transactional
public class BroadcastService {

	private final JdbcClient jdbc;

	private final MailApi mail;

	private final ProgramApi programs;

	private final GroupApi groups;

	private final JobApi jobs;

	private final Clock clock;

	BroadcastService(JdbcClient jdbc, MailApi mail, ProgramApi programs, GroupApi groups, JobApi jobs, Clock clock) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.programs = programs;
		this.groups = groups;
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * Checks and stores an announcement; without {@code scheduledAt} it starts sending
	 * once this transaction commits. Bad merge fields, an empty subject or body, an
	 * unknown program or group, or a time in the past are InvalidInputExceptions.
	 */
	public Broadcast create(String subject, String body, Audience audience, @Nullable Instant scheduledAt,
			String createdBy) {
		this.mail.checkWritten(subject, body);
		Resolved resolved = resolve(audience);
		Instant now = this.clock.instant();
		if (scheduledAt != null && !scheduledAt.isAfter(now)) {
			throw new InvalidInputException("scheduledAt", "The time to send must be in the future.");
		}
		long id = this.jdbc.sql("""
				insert into broadcast (subject, body, program_id, group_id, audience, status, scheduled_at, created_by,
				                       created_at)
				values (:subject, :body, :program, :group, :audience, 'scheduled', :scheduledAt, :createdBy, :now)
				returning id
				""")
			.param("subject", subject.strip())
			.param("body", body)
			.param("program", resolved.programId())
			.param("group", resolved.groupId())
			.param("audience", resolved.description())
			.param("scheduledAt", scheduledAt == null ? null : Timestamp.from(scheduledAt))
			.param("createdBy", createdBy)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		if (scheduledAt == null) {
			start(id, now);
		}
		return get(id);
	}

	/**
	 * Starts the scheduled announcements that are due (every 30 seconds; each one by
	 * exactly one instance: the start is a conditional update). Returns how many started.
	 */
	public int startDue(Instant now) {
		List<Long> due = this.jdbc
			.sql("select id from broadcast where status = 'scheduled' and scheduled_at <= :now order by scheduled_at")
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.list();
		int started = 0;
		for (long id : due) {
			if (start(id, now)) {
				started++;
			}
		}
		return started;
	}

	/** A scheduled announcement that has not started is cancelled (false otherwise). */
	public boolean cancel(long id) {
		return this.jdbc.sql("update broadcast set status = 'cancelled' where id = :id and status = 'scheduled'")
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Queues the announcement, rendered for {@code partnerId}, to {@code to} (the admin
	 * trying it): transactional, no dedupe, no unsubscribe link.
	 */
	public void sendTest(String subject, String body, long partnerId, String to) {
		this.mail.checkWritten(subject, body);
		this.mail.queueWritten(to, partnerId, "[Test] " + subject, body, null, null);
	}

	/** Subject and body as {@code partnerId} would get them. */
	@Transactional(readOnly = true)
	public MailApi.Rendered preview(String subject, String body, long partnerId) {
		this.mail.checkWritten(subject, body);
		return this.mail.render(subject, body, partnerId);
	}

	/**
	 * The partner a preview is rendered for: the first recipient (lowest partner id) of
	 * the audience; empty when it has nobody.
	 */
	@Transactional(readOnly = true)
	public Optional<Recipient> previewRecipient(Audience audience) {
		Resolved resolved = resolve(audience);
		if (resolved.groupId() != null) {
			for (int page = 0;; page++) {
				MembersPage members = this.groups.members(resolved.groupId(), page, 500);
				Optional<Recipient> first = recipientsAmong(contactIds(members.items()), 1).stream().findFirst();
				if (first.isPresent() || members.items().size() < 500) {
					return first;
				}
			}
		}
		return this.jdbc.sql("""
				select p.id, c.email from partner_directory p join contact_directory c on c.id = p.contact_id
				where p.status = 'approved' and (cast(:program as bigint) is null or p.program_id = :program)
				order by p.id limit 1
				""").param("program", resolved.programId()).query(BroadcastService::recipient).optional();
	}

	@Transactional(readOnly = true)
	public Broadcast get(long id) {
		return this.jdbc.sql("select * from broadcast where id = :id")
			.param("id", id)
			.query(BroadcastService::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("No broadcast " + id));
	}

	@Transactional(readOnly = true)
	public List<Broadcast> recent(int limit) {
		return this.jdbc.sql("select * from broadcast order by created_at desc, id desc limit :limit")
			.param("limit", limit)
			.query(BroadcastService::map)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Job> job(Broadcast broadcast) {
		return broadcast.jobId() == null ? Optional.empty() : this.jobs.find(broadcast.jobId());
	}

	/**
	 * Counts of the recipients by what happened to their e-mail: waiting, queued,
	 * sending, sent, failed, skipped.
	 */
	@Transactional(readOnly = true)
	public Map<String, Long> counts(long id) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String status : List.of("waiting", "queued", "sending", "sent", "failed", "skipped")) {
			counts.put(status, 0L);
		}
		List<RecipientStatus> rows = recipientStatuses(id, Long.MAX_VALUE, 0);
		rows.forEach(row -> counts.merge(row.status(), 1L, Long::sum));
		return counts;
	}

	/** One page of the recipients with their status, by partner id. */
	@Transactional(readOnly = true)
	public List<RecipientStatus> recipientStatuses(long id, long limit, long offset) {
		List<Object[]> rows = this.jdbc.sql("""
				select partner_id, email, status from broadcast_recipient where broadcast_id = :id
				order by partner_id limit :limit offset :offset
				""")
			.param("id", id)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3) })
			.list();
		List<String> keys = new ArrayList<>();
		for (Object[] row : rows) {
			if ("queued".equals(row[2])) {
				keys.add(BroadcastSender.dedupeKey(id, (Long) row[0]));
			}
		}
		Map<String, String> mailStatus = keys.isEmpty() ? Map.of() : this.mail.statusByDedupeKey(keys);
		List<RecipientStatus> result = new ArrayList<>(rows.size());
		for (Object[] row : rows) {
			long partnerId = (Long) row[0];
			String status = switch ((String) row[2]) {
				case "pending" -> "waiting";
				case "skipped" -> "skipped";
				default -> mailStatus.getOrDefault(BroadcastSender.dedupeKey(id, partnerId), "queued");
			};
			result.add(new RecipientStatus(partnerId, (String) row[1], status));
		}
		return result;
	}

	/**
	 * Fixes the recipients and submits the job, if the announcement is still scheduled
	 * (conditional update: one instance starts it).
	 */
	private boolean start(long id, Instant now) {
		Broadcast broadcast = this.jdbc.sql("""
				update broadcast set status = 'sending', started_at = :now where id = :id and status = 'scheduled'
				returning *
				""")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.query(BroadcastService::map)
			.optional()
			.orElse(null);
		if (broadcast == null) {
			return false;
		}
		int recipients;
		if (broadcast.groupId() != null) {
			recipients = 0;
			for (int page = 0;; page++) {
				MembersPage members = this.groups.members(broadcast.groupId(), page, 500);
				recipients += insertRecipients(id, contactIds(members.items()));
				if (members.items().size() < 500) {
					break;
				}
			}
		}
		else {
			recipients = this.jdbc.sql("""
					insert into broadcast_recipient (broadcast_id, partner_id, email)
					select :id, p.id, c.email from partner_directory p join contact_directory c on c.id = p.contact_id
					where p.status = 'approved' and (cast(:program as bigint) is null or p.program_id = :program)
					order by p.id
					on conflict do nothing
					""").param("id", id).param("program", broadcast.programId()).update();
		}
		long job = this.jobs.submit(BroadcastSender.KIND, recipients, broadcast.createdBy());
		this.jdbc.sql("update broadcast set job_id = :job, recipients = :recipients where id = :id")
			.param("job", job)
			.param("recipients", recipients)
			.param("id", id)
			.update();
		return true;
	}

	private int insertRecipients(long id, Collection<Long> contactIds) {
		if (contactIds.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("""
				insert into broadcast_recipient (broadcast_id, partner_id, email)
				select :id, p.id, c.email from partner_directory p join contact_directory c on c.id = p.contact_id
				where p.status = 'approved' and p.contact_id = any(:contacts)
				order by p.id
				on conflict do nothing
				""").param("id", id).param("contacts", new SqlArrayValue("bigint", contactIds.toArray())).update();
	}

	private List<Recipient> recipientsAmong(Collection<Long> contactIds, int limit) {
		if (contactIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select p.id, c.email from partner_directory p join contact_directory c on c.id = p.contact_id
				where p.status = 'approved' and p.contact_id = any(:contacts)
				order by p.id limit :limit
				""")
			.param("contacts", new SqlArrayValue("bigint", contactIds.toArray()))
			.param("limit", limit)
			.query(BroadcastService::recipient)
			.list();
	}

	private Resolved resolve(Audience audience) {
		if (audience.program() != null && audience.group() != null) {
			throw new InvalidInputException("audience", "Choose a program or a group, not both.");
		}
		if (audience.program() != null) {
			ProgramSummary program = this.programs.findProgramByName(audience.program().strip())
				.orElseThrow(() -> new InvalidInputException("audience.program",
						"There is no program named " + audience.program().strip() + "."));
			return new Resolved(program.id(), null, "Approved partners of " + program.name());
		}
		if (audience.group() != null) {
			GroupSummary group = this.groups.find(audience.group())
				.orElseThrow(() -> new InvalidInputException("audience.group",
						"There is no group " + audience.group() + "."));
			return new Resolved(null, group.id(), "Approved partners in the group " + group.name());
		}
		return new Resolved(null, null, "Every approved partner");
	}

	private static List<Long> contactIds(List<GroupMember> members) {
		return members.stream().map(GroupMember::contactId).toList();
	}

	private static Recipient recipient(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Recipient(rs.getLong("id"), rs.getString("email"));
	}

	static Broadcast map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp scheduledAt = rs.getTimestamp("scheduled_at");
		Timestamp startedAt = rs.getTimestamp("started_at");
		return new Broadcast(rs.getLong("id"), rs.getString("subject"), rs.getString("body"),
				rs.getObject("program_id", Long.class), rs.getObject("group_id", Long.class), rs.getString("audience"),
				rs.getString("status"), scheduledAt == null ? null : scheduledAt.toInstant(),
				rs.getObject("job_id", Long.class), rs.getInt("recipients"), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant(), startedAt == null ? null : startedAt.toInstant());
	}

	public record Recipient(long partnerId, String email) {
	}

	public record RecipientStatus(long partnerId, String email, String status) {
	}

	private record Resolved(@Nullable Long programId, @Nullable Long groupId, String description) {
	}

}
